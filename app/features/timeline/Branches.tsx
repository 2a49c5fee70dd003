import { switchTo } from '../../store/commands.ts';
import { useSim, useSimStore } from '../../store/context.tsx';

/** Futures replaced by acting after stepping back: each stays one click away. */
export function Branches() {
  const store = useSimStore();
  const branches = useSim((s) => s.doc.branches);
  if (branches.length === 0) return null;
  return (
    <div className="branches">
      <h3 id="branches-title">Other branches</h3>
      <ul aria-labelledby="branches-title">
        {branches.map((b) => (
          <li key={b.id}>
            <button type="button" onClick={() => switchTo(store, b.id)}>
              {`Switch to branch ${b.id}`}
            </button>{' '}
            <span className="muted">{`${b.steps.length} steps, parted after step ${b.forkAt}`}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
