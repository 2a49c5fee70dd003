import { useEffect, useRef, useState } from 'react';
import { blobInSlices } from './blobInSlices.ts';

export interface TextExport {
  readonly title: string;
  readonly text: string;
  readonly filename: string;
  readonly mime: string;
  /** The whole file's pieces, when `text` is only its beginning (streamed on Download). */
  readonly whole?: () => Iterable<string>;
}

/** Saves `text` (or a Blob) as a file through a temporary download link. */
export function download(filename: string, text: string | Blob, mime: string): void {
  const url = URL.createObjectURL(typeof text === 'string' ? new Blob([text], { type: mime }) : text);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Copies to the clipboard; false when the clipboard is unavailable or refused. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** A modal showing exported text in a read-only field (the clipboard may be unavailable). */
export function TextDialog({ value, onClose }: { value: TextExport; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [status, setStatus] = useState('');
  useEffect(() => {
    const d = ref.current;
    // No close() on cleanup: StrictMode's rehearsal unmount would fire 'close' and shut the dialog.
    if (d !== null && !d.open) d.showModal();
  }, []);
  const copy = async () =>
    setStatus(
      (await copyText(value.text))
        ? 'Copied to the clipboard.'
        : 'The clipboard is unavailable: select the text and copy it.',
    );
  const [preparing, setPreparing] = useState<{ cancel: () => void } | null>(null);
  // A long file is built in slices (progress, Cancel); a failure says so instead of nothing.
  const save = async () => {
    try {
      if (value.whole === undefined) return download(value.filename, value.text, value.mime);
      let cancelled = false;
      setPreparing({ cancel: () => void (cancelled = true) });
      const blob = await blobInSlices(value.whole(), value.mime, {
        onProgress: (chars) =>
          setStatus(`Preparing the download: ${(chars / 2 ** 20).toFixed(0)} MB so far…`),
        cancelled: () => cancelled,
      });
      setPreparing(null);
      if (blob === null) setStatus('Download cancelled.');
      else {
        download(value.filename, blob, value.mime);
        setStatus(`Downloaded ${(blob.size / 2 ** 20).toFixed(1)} MB.`);
      }
    } catch (e) {
      setPreparing(null);
      setStatus(`The download failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <dialog ref={ref} aria-labelledby="text-export-title" onClose={onClose} className="help text-export">
      <h2 id="text-export-title">{value.title}</h2>
      <textarea
        readOnly
        aria-label={value.title}
        value={value.text}
        rows={18}
        cols={84}
        spellCheck={false}
        onFocus={(e) => e.target.select()}
      />
      <p role="status">{status}</p>
      <form method="dialog" className="dialog-buttons">
        <button type="button" onClick={() => void copy()}>
          Copy
        </button>
        {preparing === null ? (
          <button type="button" onClick={() => void save()}>
            Download
          </button>
        ) : (
          <button type="button" onClick={preparing.cancel}>
            Cancel download
          </button>
        )}
        <button type="submit">Close</button>
      </form>
    </dialog>
  );
}
