import { useSyncExternalStore } from 'react';
import { useSimStore } from '../store/context.tsx';
import { flushAutosave } from '../share/urlSync.ts';
import { shareFragment } from '../share/shareFragment.ts';
import { dismissUpdate, onUpdateChange, pendingUpdate } from './updates.ts';

/**
 * "A new version is ready": a polite status (never an alert, never a reload by itself) with
 * Reload and Later. Reload first writes the whole view into the address and saves the work,
 * so the new version opens exactly where the user was.
 */
export function UpdatePrompt() {
  const store = useSimStore();
  const apply = useSyncExternalStore(onUpdateChange, pendingUpdate);
  const reload = () => {
    window.history.replaceState(null, '', shareFragment(store));
    flushAutosave(store);
    apply?.();
  };
  // The live region stays in the page so that its text is announced when it appears.
  return (
    <div role="status" className={apply === null ? 'update-prompt empty' : 'update-prompt'}>
      {apply !== null && (
        <>
          <span>A new version of Folioscope is ready.</span>{' '}
          <button type="button" onClick={reload}>
            Reload
          </button>{' '}
          <button type="button" onClick={dismissUpdate}>
            Later
          </button>
        </>
      )}
    </div>
  );
}
