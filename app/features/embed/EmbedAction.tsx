import { useState } from 'react';
import { lazyDialog } from '../dialog/lazyDialog.tsx';

const EmbedDialog = lazyDialog(async () => (await import('./EmbedDialog.tsx')).EmbedDialog);

/** "Embed…": opens the dialog with the iframe code for the scenario and step on screen. */
export function EmbedAction() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        Embed…
      </button>
      {open && <EmbedDialog onClose={() => setOpen(false)} />}
    </>
  );
}
