import { useState } from 'react';
import { dismissLinkError } from '../store/commands.ts';
import { useSim, useSimStore } from '../store/context.tsx';
import { fragmentFor } from './link.ts';

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

/** The decoder's message when the link the app was opened with did not load. */
export function LinkError() {
  const store = useSimStore();
  const error = useSim((s) => s.ui.linkError);
  if (error === null) return null;
  return (
    <div role="alert" className="link-error">
      <span>{error}</span>{' '}
      <button type="button" onClick={() => dismissLinkError(store)}>
        Dismiss
      </button>
    </div>
  );
}
