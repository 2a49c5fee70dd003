import { useState } from 'react';
import { lazyDialog } from '../dialog/lazyDialog.tsx';

const ImageExportDialog = lazyDialog(async () => (await import('./ImageExportDialog.tsx')).ImageExportDialog);

/** "Export image…": opens the dialog that previews and downloads the SVG or PNG for a slide or an article. */
export function ImageExport() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Export image…
      </button>
      {open && <ImageExportDialog onClose={() => setOpen(false)} />}
    </>
  );
}
