import './embed.css';
import { useRef, useState } from 'react';
import { useSim } from '../../store/context.tsx';
import { Modal } from '../dialog/Modal.tsx';
import { fragmentOf } from '../../share/urlSync.ts';
import { useWindowHeight } from '../folio-tree/useWidth.ts';
import { useSize } from '../state-diagram/hooks.ts';
import { EMBED_SIZES, embedSnippet, embedSrc, sizeNote, type EmbedSize } from './snippet.ts';

/** The iframe code for the scenario and step on screen, a Copy button and a live preview. */
export function EmbedDialog({ onClose }: { onClose: () => void }) {
  const code = useRef<HTMLTextAreaElement>(null);
  const [size, setSize] = useState<EmbedSize>(EMBED_SIZES[0] as EmbedSize);
  const [status, setStatus] = useState('');
  const fragment = useSim(fragmentOf);
  const title = useSim((s) => s.doc.scenario.title);
  const step = useSim((s) => s.doc.cursor);
  const total = useSim((s) => s.doc.scenario.steps.length);
  const src = embedSrc(window.location.origin, window.location.pathname, fragment);
  const snippet = embedSnippet({ src, size, title, step, total });
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(snippet);
      setStatus('Copied: the embed code is on the clipboard.');
    } catch {
      code.current?.select();
      setStatus('The clipboard is unavailable here: the code is selected, copy it with Ctrl+C.');
    }
  };
  return (
    <Modal className="help embed-dialog" labelledBy="embed-dialog-title" onClose={onClose}>
      <h2 id="embed-dialog-title">Embed this view</h2>
      <p>
        Paste this into an article or a slide: it shows step {step} of {total}, read-only, with step buttons
        and a link back to Folioscope. For a full-screen slide, <em>Export image…</em> makes a 16:9 picture.
      </p>
      <label className="embed-size">
        Size{' '}
        <select
          value={`${size.width}x${size.height}`}
          onChange={(e) => {
            setSize(EMBED_SIZES.find((s) => `${s.width}x${s.height}` === e.target.value) ?? size);
            setStatus('');
          }}
        >
          {EMBED_SIZES.map((s) => (
            <option key={s.label} value={`${s.width}x${s.height}`}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <textarea
        ref={code}
        readOnly
        aria-label="Embed code"
        value={snippet}
        rows={4}
        spellCheck={false}
        onFocus={(e) => e.target.select()}
      />
      <div className="dialog-buttons embed-copy">
        <p role="status">{status}</p>
        <button type="button" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <Preview src={src} size={size} />
      <form method="dialog" className="dialog-buttons">
        <button type="submit">Close</button>
      </form>
    </Modal>
  );
}

/**
 * The embed itself at the chosen size (its own viewport, so it lays out exactly as the pasted
 * iframe will), scaled down to fit the dialog's width and a share of the window's height.
 */
function Preview({ src, size }: { src: string; size: EmbedSize }) {
  const box = useRef<HTMLDivElement>(null);
  const room = useSize(box);
  const tall = Math.max(180, useWindowHeight() * 0.42);
  const wide = room.width > 0 ? room.width : size.width;
  const k = Math.min(1, wide / size.width, tall / size.height);
  return (
    <figure className="embed-preview">
      <figcaption id="embed-preview-note">
        Preview at {size.width} × {size.height}
        {k < 1 ? `, shown at ${Math.round(k * 100)} %` : ''}: {sizeNote(size)}.
      </figcaption>
      <div ref={box} className="embed-preview-box" style={{ height: Math.ceil(size.height * k) }}>
        {/* Our own page at our own origin: a sandbox would have to allow scripts and the same
            origin (its layout worker), which is no sandbox at all. */}
        {/* oxlint-disable-next-line react/iframe-missing-sandbox */}
        <iframe
          src={src}
          title="Preview of the embed"
          aria-describedby="embed-preview-note"
          width={size.width}
          height={size.height}
          style={{ transform: `scale(${k})` }}
        />
      </div>
    </figure>
  );
}
