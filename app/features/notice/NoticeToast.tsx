import { useState } from 'react';
import { notify } from '../../store/commands.ts';
import { useSim, useSimStore } from '../../store/context.tsx';
import { selectSelection } from '../../store/selectors.ts';
import './notice.css';

/**
 * Why a shortcut or an edge did nothing, where the eyes are: floating over the top of the work
 * area, not only under the palette. Screen readers already hear it from the palette's live
 * region, so this copy is not a second live region.
 */
export function NoticeToast() {
  const store = useSimStore();
  const notice = useSim((s) => s.ui.notice);
  const selection = useSim(selectSelection);
  // A new selection answers "select pages first": the message has done its job and hides
  // (the palette keeps it until the next step).
  const [shownWith, setShownWith] = useState({ notice, selection });
  if (shownWith.notice !== notice) setShownWith({ notice, selection });
  if (notice === null || (shownWith.notice === notice && shownWith.selection !== selection)) return null;
  return (
    <div className={`notice-toast ${notice.kind}`} data-testid="notice-toast" ref={placeUnderHeader}>
      <span className="notice-toast-text">{notice.text}</span>
      <button type="button" onClick={() => notify(store, null)}>
        Dismiss message
      </button>
    </div>
  );
}

/**
 * Places the toast just under the header, whatever its height, so it covers none of its
 * buttons: measured once when the toast appears (a layout detail React does not model).
 */
function placeUnderHeader(el: HTMLDivElement | null): void {
  const bottom = document.querySelector('header')?.getBoundingClientRect().bottom;
  if (el !== null && bottom !== undefined) el.style.top = `${Math.max(8, Math.round(bottom) + 8)}px`;
}
