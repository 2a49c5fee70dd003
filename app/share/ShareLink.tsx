import { grouped } from '../../core/index.ts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { dismissLinkError } from '../store/commands.ts';
import { useSim, useSimStore } from '../store/context.tsx';
import type { SimDocument } from '../store/document.ts';
import type { AutosaveState } from '../store/store.ts';
import { cancelOpening } from './openInTab.ts';
import { canRestore, restoreAutosave } from './restore.ts';
import { shareFragment } from './shareFragment.ts';
import { takeOverAutosave } from './urlSync.ts';

interface Shared {
  readonly url: string;
  readonly copied: boolean;
  /** Where the panel floats: under the button, kept inside the window (the button may sit anywhere in the header). */
  readonly at: { readonly top: number; readonly left: number; readonly width: number };
  /** The document the link was made of: once the work moves on, the link is stale and goes. */
  readonly doc: SimDocument;
}

/** The floating panel's width and its distance from the window's edges, in CSS pixels. */
const TOAST_PX = 416;
const MARGIN_PX = 8;

/** Where a share panel floats: under its button, kept inside the window. */
export function toastPlace(button: HTMLElement | null): Shared['at'] {
  const r = button?.getBoundingClientRect();
  const width = Math.min(TOAST_PX, window.innerWidth - 2 * MARGIN_PX);
  const left = Math.max(MARGIN_PX, Math.min((r?.right ?? 0) - width, window.innerWidth - width - MARGIN_PX));
  return { top: (r?.bottom ?? 0) + 6, left, width };
}

/** Copies `url`; false when the browser refused (the panel then shows it to copy by hand). */
export async function copyUrl(url: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(url);
    return true;
  } catch {
    // No clipboard (permission, insecure origin): the field below is there to copy from.
    return false;
  }
}

/**
 * "Share link": puts the scenario, step, branches and view into the address bar, copies the
 * URL and says so in a live region, with the URL to copy by hand when the browser refused.
 * The button keeps its size and the panel floats below it: the header never reflows.
 */
export function ShareLink() {
  const store = useSimStore();
  const doc = useSim((s) => s.doc);
  const [shared, setShared] = useState<Shared | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const share = async () => {
    // replaceState does not fire hashchange: the open scenario is not reloaded.
    window.history.replaceState(null, '', shareFragment(store));
    const url = window.location.href;
    const copied = await copyUrl(url);
    setShared({ url, copied, doc: store.getState().doc, at: toastPlace(button.current) });
  };
  const open = shared !== null && shared.doc === doc;
  const close = useCallback(() => {
    setShared(null);
    button.current?.focus();
  }, []);
  return (
    <div className="share">
      <button ref={button} type="button" className="share-button" onClick={() => void share()}>
        Share link
      </button>
      <ShareToast shown={open ? shared : null} onClose={close} />
    </div>
  );
}

/**
 * The floating confirmation under a Share link button: "Link copied" in a live region that is
 * present before it speaks (so screen readers announce it), and the URL to copy by hand.
 */
export function ShareToast({
  shown,
  onClose,
}: {
  shown: { readonly url: string; readonly copied: boolean; readonly at: Shared['at'] } | null;
  onClose: () => void;
}) {
  const open = shown !== null;
  useEffect(() => {
    if (!open) return undefined;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, onClose]);
  return (
    <div className={shown !== null ? 'share-toast' : 'share-toast empty'} style={shown?.at}>
      <p role="status" className="share-status">
        {shown === null
          ? ''
          : shown.copied
            ? 'Link copied ✓'
            : 'Copy the link below (the browser did not allow copying).'}
      </p>
      {shown !== null && (
        <div className="share-panel">
          <input
            className="share-url"
            readOnly
            value={shown.url}
            aria-label="Share link URL"
            onFocus={(e) => e.target.select()}
          />
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
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
      <span role="status">{`step ${grouped(opening.done)} of ${grouped(opening.total)}`}</span>{' '}
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
