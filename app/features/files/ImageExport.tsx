import { useState } from 'react';
import { useSimStore } from '../../store/context.tsx';
import { composeSvg, download, svgToPng, viewSvgs } from './imageExport.ts';

const slug = (t: string | undefined): string =>
  (t ?? 'folioscope')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'folioscope';

/** "Export SVG" and "Export PNG" of the current view, for slides and articles. */
export function ImageExport() {
  const store = useSimStore();
  const [error, setError] = useState<string | null>(null);
  const run = async (kind: 'svg' | 'png') => {
    try {
      const { doc } = store.getState();
      const parts = viewSvgs(document);
      if (parts.length === 0) throw new Error('there is no picture on screen to export');
      const caption = `${doc.scenario.title ?? 'Untitled scenario'} · step ${doc.cursor} of ${doc.scenario.steps.length}`;
      const svg = composeSvg(parts, caption, document);
      const name = `${slug(doc.scenario.title)}-step-${doc.cursor}`;
      if (kind === 'svg') download(new Blob([svg.text], { type: 'image/svg+xml' }), `${name}.svg`);
      else download(await svgToPng(svg), `${name}.png`);
      setError(null);
    } catch (e) {
      setError(`The ${kind.toUpperCase()} export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  return (
    <div className="file-actions" role="group" aria-label="Image export">
      <button type="button" onClick={() => void run('svg')}>
        Export SVG
      </button>
      <button type="button" onClick={() => void run('png')}>
        Export PNG
      </button>
      {error !== null && (
        <div role="alert" className="link-error">
          {error}{' '}
          <button type="button" onClick={() => setError(null)}>
            Dismiss export error
          </button>
        </div>
      )}
    </div>
  );
}
