import { useState } from 'react';
import { dismissLinkError } from '../store/commands.ts';
import { useSim, useSimStore } from '../store/context.tsx';
import type { AutosaveState } from '../store/store.ts';
import { fragmentFor } from './link.ts';
import { cancelOpening } from './openInTab.ts';
import { canRestore, restoreAutosave } from './restore.ts';
import { takeOverAutosave } from './urlSync.ts';

/** "Share link": puts the scenario and step into the address bar and shows the URL to copy. */
export function ShareLink() {
  const store = useSimStore();
  const [url, setUrl] = useState<string | null>(null);
  const share = () => {
    const { doc } = store.getState();
    const hash = fragmentFor(doc.scenario, doc.cursor);
    // replaceState does not fire hashchange: the open scenario is not reloaded.
    window.history.replaceState(null, '', hash);
    setUrl(window.location.href);
    void navigator.clipboard?.writeText(window.location.href).catch(() => undefined);
  };
  return (
    <div className="share">
      <button type="button" onClick={share}>
        Share link
      </button>
      {url !== null && (
        <input
          className="share-url"
          readOnly
          value={url}
          aria-label="Share link URL"
          onFocus={(e) => e.target.select()}
          size={24}
        />
      )}
    </div>
  );
}

/**
 * The header's alerts: a link or file that did not open (with "Restore my last work" when
 * the autosaved work is not what is shown), and the autosave's own troubles.
 */
export function LinkError() {
  const store = useSimStore();
  const error = useSim((s) => s.ui.linkError);
  const restorable = useSim((s) => s.ui.linkError !== null && canRestore(s));
  return (
    <>
      {error !== null && (
        <div role="alert" className="link-error">
          <span>{error}</span>{' '}
          {restorable && (
            <button type="button" onClick={() => restoreAutosave(store)}>
              Restore my last work
            </button>
          )}{' '}
          <button type="button" onClick={() => dismissLinkError(store)}>
            Dismiss
          </button>
        </div>
      )}
      <OpeningProgress />
      <AutosaveAlert />
    </>
  );
}

const TAKE_OVER: Record<AutosaveState['status'], string | null> = {
  on: null,
  kept: 'Autosave here instead',
  'other-tab': 'Take over autosave',
  failed: 'Try again',
};

/** A long link being replayed before it opens: how far, and Cancel. */
function OpeningProgress() {
  const store = useSimStore();
  const opening = useSim((s) => s.ui.opening);
  if (opening === null) return null;
  return (
    <div className="link-error opening">
      <span id="opening-label">Opening the link: replaying its steps…</span>{' '}
      <progress aria-labelledby="opening-label" max={opening.total} value={opening.done} />{' '}
      <span role="status">{`step ${opening.done.toLocaleString('en-US')} of ${opening.total.toLocaleString('en-US')}`}</span>{' '}
      <button type="button" onClick={() => cancelOpening(store)}>
        Cancel
      </button>
    </div>
  );
}

/** Why this tab is not autosaving, with the one action that changes it. */
function AutosaveAlert() {
  const store = useSimStore();
  const status = useSim((s) => s.autosave.status);
  const message = useSim((s) => s.autosave.message);
  if (message === null || status === 'on') return null;
  const action = TAKE_OVER[status];
  return (
    <div role="alert" className="link-error autosave-alert">
      <span>{message}</span>{' '}
      {action !== null && (
        <button type="button" onClick={() => takeOverAutosave(store)}>
          {action}
        </button>
      )}
    </div>
  );
}
