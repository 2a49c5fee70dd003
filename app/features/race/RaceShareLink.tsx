/**
 * "Share link" in the race workspace: the address takes the open race's link (race, knobs,
 * schedule, cursor), the URL is copied and "Link copied" said in a live region, as the file
 * view's Share link does.
 */
import { useCallback, useRef, useState } from 'react';
import { copyUrl, ShareToast, toastPlace } from '../../share/ShareLink.tsx';
import { useRace, useRaceStore } from './raceContext.tsx';
import { raceAddress, raceLinkOf } from './raceLink.ts';

interface Shown {
  readonly url: string;
  readonly copied: boolean;
  readonly at: ReturnType<typeof toastPlace>;
  /** The link shared: once the race moves on, the panel goes. */
  readonly link: string;
}

export function RaceShareLink() {
  const store = useRaceStore();
  const link = useRace(raceLinkOf);
  const [shown, setShown] = useState<Shown | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => {
    setShown(null);
    button.current?.focus();
  }, []);
  if (link === null) return null;
  const share = async () => {
    // replaceState does not fire hashchange: the open race is not reloaded.
    window.history.replaceState(null, '', raceAddress(window.location.href, store.getState()));
    const url = window.location.href;
    const copied = await copyUrl(url);
    setShown({ url, copied, at: toastPlace(button.current), link });
  };
  return (
    <div className="share">
      <button ref={button} type="button" className="share-button" onClick={() => void share()}>
        Share link
      </button>
      <ShareToast shown={shown !== null && shown.link === link ? shown : null} onClose={close} />
    </div>
  );
}
