import { useRef, useState, type ChangeEvent } from 'react';
import { openScenario } from '../../store/commands.ts';
import { useSimStore } from '../../store/context.tsx';
import { copyText, TextDialog, type TextExport } from './TextDialog.tsx';
import { importFile, scenarioExport, traceJsonExport, traceTextExport } from './exports.ts';

/** Import and export of scenario files, and the trace as JSON or text. */
export function FileActions() {
  const store = useSimStore();
  const input = useRef<HTMLInputElement>(null);
  const [shown, setShown] = useState<TextExport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (file === undefined) return;
    const r = await importFile(file);
    if (r.ok) {
      setError(null);
      openScenario(store, r.scenario);
    } else setError(`${file.name}: ${r.error}`);
  };
  // An export that fails (a bug, or memory) says so instead of doing nothing.
  const show = (make: (s: ReturnType<typeof store.getState>) => TextExport) => {
    try {
      setShown(make(store.getState()));
    } catch (e) {
      setError(`The export failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const copyTrace = () => {
    const t = traceTextExport(store.getState());
    setShown(t);
    void copyText(t.text);
  };
  return (
    <div className="file-actions" role="group" aria-label="Files">
      <button type="button" onClick={() => input.current?.click()}>
        Import scenario…
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        onChange={(e) => void onFile(e)}
      />
      <button type="button" onClick={() => setShown(scenarioExport(store.getState()))}>
        Export scenario
      </button>
      <button type="button" onClick={() => show(traceJsonExport)}>
        Export trace JSON
      </button>
      <button type="button" onClick={copyTrace}>
        Copy trace as text
      </button>
      {error !== null && (
        <div role="alert" className="link-error import-error">
          <pre>{error}</pre>{' '}
          <button type="button" onClick={() => setError(null)}>
            Dismiss import error
          </button>
        </div>
      )}
      {shown !== null && <TextDialog value={shown} onClose={() => setShown(null)} />}
    </div>
  );
}
