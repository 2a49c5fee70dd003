import { grouped } from '../../core/index.ts';

/** Shown while a long link is replayed at start: how far it is, and a way out. */
export function Replaying({ done, total, onCancel }: { done: number; total: number; onCancel: () => void }) {
  return (
    <main className="replaying" aria-busy="true">
      <h1>Folioscope</h1>
      <p id="replaying-label">Opening: replaying its steps…</p>
      <progress aria-labelledby="replaying-label" max={total} value={done} />
      <p role="status">{`step ${grouped(done)} of ${grouped(total)}`}</p>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </main>
  );
}
