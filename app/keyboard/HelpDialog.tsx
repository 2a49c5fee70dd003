import { useEffect, useRef } from 'react';
import { openDialog } from '../store/commands.ts';
import { useSim, useSimStore } from '../store/context.tsx';
import { PRESENTER_KEYS } from '../features/presentation/keys.ts';
import { FOLIO_TREE_KEYS, SHORTCUT_GROUPS, SHORTCUTS } from './shortcuts.ts';

/** The Help button (also `?`) and the dialog listing every shortcut. */
export function Help() {
  const store = useSimStore();
  const open = useSim((s) => s.ui.dialog === 'help');
  return (
    <>
      <button type="button" aria-keyshortcuts="?" onClick={() => openDialog(store, 'help')}>
        Help
      </button>
      {open && <HelpDialog onClose={() => openDialog(store, null)} />}
    </>
  );
}

function KeyTable({ caption, rows }: { caption: string; rows: readonly [string, string][] }) {
  return (
    <table className="keys">
      <caption>{caption}</caption>
      <tbody>
        {rows.map(([k, what]) => (
          <tr key={k}>
            <th scope="row">
              <kbd>{k}</kbd>
            </th>
            <td>{what}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function HelpDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    // No close() on cleanup: StrictMode's rehearsal unmount would fire 'close' and shut the dialog.
    if (d !== null && !d.open) d.showModal();
  }, []);
  return (
    <dialog ref={ref} aria-labelledby="help-title" onClose={onClose} className="help">
      <h2 id="help-title">Keyboard shortcuts</h2>
      <p>
        Single keys work anywhere except while typing in a field. Everything else is reachable with Tab, Enter
        and Space.
      </p>
      <div className="key-columns">
        {SHORTCUT_GROUPS.map((g) => (
          <KeyTable
            key={g}
            caption={g}
            rows={SHORTCUTS.filter((s) => s.group === g).map((s) => [s.keyLabel ?? s.key, s.label])}
          />
        ))}
        <KeyTable caption="In the folio tree" rows={FOLIO_TREE_KEYS} />
        <KeyTable caption="In presentation mode" rows={PRESENTER_KEYS} />
      </div>
      <form method="dialog" className="dialog-buttons">
        <button type="submit" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
