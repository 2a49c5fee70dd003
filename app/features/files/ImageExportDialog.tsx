import './imageExport.css';
import { useMemo, useState } from 'react';
import { PAGE } from '../../../core/index.ts';
import { useSimStore } from '../../store/context.tsx';
import { Modal } from '../dialog/Modal.tsx';
import { selectCurrent, selectLastOutcome } from '../../store/selectors.ts';
import type { SimStore } from '../../store/store.ts';
import { captionLines, stepSummary } from '../embed/stepSummary.ts';
import { legendItems } from '../folio-tree/legendItems.ts';
import { composeSvg, download, svgToPng, viewParts, type ComposedSvg } from './imageExport.ts';

const slug = (t: string | undefined): string =>
  (t ?? 'folioscope')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'folioscope';

interface Choice {
  readonly slide: boolean;
  readonly diagram: boolean;
}

/** The picture of the view as it is on screen now, with the caption and legend of its step. */
function compose(store: SimStore, c: Choice): ComposedSvg {
  const parts = viewParts(document);
  if (parts === undefined) throw new Error('there is no folio tree on screen to export');
  const s = store.getState();
  const summary = stepSummary(s.doc.scenario, s.doc.cursor, selectLastOutcome(s), s.replay.createRefusal);
  const state = selectCurrent(s);
  const text = {
    caption: captionLines(s.doc.scenario.title, summary),
    refused: summary.errno !== null,
    legend:
      state === undefined
        ? []
        : legendItems(
            state,
            s.doc.scenario.config.pageSize !== PAGE,
            // The page data row is on screen (so in the picture) in a window tall enough.
            parts.tree.querySelector('.page-data') !== null,
          ),
  };
  return composeSvg(c.diagram ? parts : { tree: parts.tree }, text, c.slide, document);
}

/** Previews the picture of the view on screen and downloads it as SVG or PNG. */
export function ImageExportDialog({ onClose }: { onClose: () => void }) {
  const store = useSimStore();
  const shown = viewParts(document)?.diagram;
  const hasDiagram = shown !== undefined;
  // The whole machine (nothing selected) is a wall of small type once it fits a picture: off
  // unless asked for; a selected page's focus view is what a slide wants.
  const whole = shown?.classList.contains('dg-whole') === true;
  const [choice, setChoice] = useState<Choice>({ slide: false, diagram: !whole });
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const c = { ...choice, diagram: choice.diagram && hasDiagram };
  // Composed from the drawings on screen when the dialog opens or an option changes.
  const made = useMemo((): { svg: ComposedSvg; url: string } | { failed: string } => {
    try {
      const svg = compose(store, { slide: c.slide, diagram: c.diagram });
      return { svg, url: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.text)}` };
    } catch (e) {
      return { failed: `The picture could not be made: ${e instanceof Error ? e.message : String(e)}` };
    }
  }, [store, c.slide, c.diagram]);
  const preview = 'svg' in made ? made : null;
  const problem = error ?? ('failed' in made ? made.failed : null);
  const name = () => {
    const { doc } = store.getState();
    return `${slug(doc.scenario.title)}-step-${doc.cursor}${c.slide ? '-16x9' : ''}`;
  };
  const save = async (kind: 'svg' | 'png') => {
    if (preview === null) return;
    try {
      const file = `${name()}.${kind}`;
      if (kind === 'svg') download(new Blob([preview.svg.text], { type: 'image/svg+xml' }), file);
      // A slide is exactly 1920x1080; a picture at its own size is drawn at twice it, for sharpness.
      else download(await svgToPng(preview.svg, c.slide ? 1 : 2), file);
      setStatus(`Saved ${file}.`);
      setError(null);
    } catch (e) {
      setError(`The ${kind.toUpperCase()} export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const pick = (next: Partial<Choice>) => {
    setChoice({ ...choice, ...next });
    setStatus('');
  };
  const size = preview === null ? '' : `${preview.svg.width} × ${preview.svg.height}`;
  return (
    <Modal className="help image-export" labelledBy="image-export-title" onClose={onClose}>
      <h2 id="image-export-title">Export image</h2>
      <div className="image-export-options">
        <fieldset>
          <legend>Size</legend>
          <label>
            <input
              type="radio"
              name="export-size"
              checked={!c.slide}
              onChange={() => pick({ slide: false })}
            />{' '}
            As on screen
          </label>{' '}
          <label>
            <input type="radio" name="export-size" checked={c.slide} onChange={() => pick({ slide: true })} />{' '}
            16:9 slide (1920 × 1080)
          </label>
        </fieldset>
        <label>
          <input
            type="checkbox"
            checked={c.diagram}
            disabled={!hasDiagram}
            onChange={(e) => pick({ diagram: e.target.checked })}
          />{' '}
          Include the state diagram
          {hasDiagram
            ? whole
              ? ' (the whole machine: select a page to export its focus view)'
              : ''
            : ' (none on screen)'}
        </label>
      </div>
      {preview !== null && (
        <figure className="image-export-preview">
          <img src={preview.url} alt="Preview of the exported picture" />
          <figcaption>
            {c.slide
              ? `${size}: SVG of that viewBox, PNG of that size.`
              : `${size}: the SVG at that size, the PNG at twice it.`}
          </figcaption>
        </figure>
      )}
      <p role="status">{status}</p>
      {problem !== null && (
        <p role="alert" className="link-error">
          {problem}
        </p>
      )}
      <form method="dialog" className="dialog-buttons">
        <button type="button" disabled={preview === null} onClick={() => void save('svg')}>
          Download SVG
        </button>
        <button type="button" disabled={preview === null} onClick={() => void save('png')}>
          Download PNG
        </button>
        <button type="submit">Close</button>
      </form>
    </Modal>
  );
}
