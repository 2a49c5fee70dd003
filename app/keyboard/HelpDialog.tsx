import { useEffect, useRef, useState } from 'react';
import { LazyGlossaryList } from '../features/glossary/LazyGlossaryList.tsx';
import { showWelcome } from '../features/welcome/welcomeView.ts';
import { openDialog } from '../store/commands.ts';
import { useSim, useSimStore } from '../store/context.tsx';
import { PRESENTER_KEYS } from '../features/presentation/keys.ts';
import { FOLIO_TREE_KEYS, SHORTCUT_GROUPS, SHORTCUTS } from './shortcuts.ts';

type HelpTab = 'concepts' | 'keys';

/**
 * The Help button and dialog: the concepts (the glossary) and every shortcut. The button opens
 * on the concepts; `?`, the keyboard user's habit, opens on the keys.
 */
export function Help() {
  const store = useSimStore();
  const open = useSim((s) => s.ui.dialog === 'help');
  const [tab, setTab] = useState<HelpTab>('keys');
  return (
    <>
      <button
        type="button"
        aria-keyshortcuts="?"
        onClick={() => {
          setTab('concepts');
          openDialog(store, 'help');
        }}
      >
        Help
      </button>
      {open && (
        <HelpDialog
          tab={tab}
          onTab={setTab}
          onClose={() => {
            setTab('keys');
            openDialog(store, null);
          }}
        />
      )}
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

function HelpDialog({
  tab,
  onTab,
  onClose,
}: {
  tab: HelpTab;
  onTab: (t: HelpTab) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const store = useSimStore();
  useEffect(() => {
    const d = ref.current;
    // No close() on cleanup: StrictMode's rehearsal unmount would fire 'close' and shut the dialog.
    if (d !== null && !d.open) d.showModal();
  }, []);
  return (
    <dialog ref={ref} aria-labelledby="help-title" onClose={onClose} className="help">
      <div className="help-head">
        <h2 id="help-title">Help</h2>
        <div role="tablist" aria-label="Help topics">
          <HelpTabButton id="concepts" label="Concepts" tab={tab} onTab={onTab} />
          <HelpTabButton id="keys" label="Keyboard shortcuts" tab={tab} onTab={onTab} />
        </div>
        <button
          type="button"
          onClick={() => {
            openDialog(store, null);
            showWelcome();
          }}
        >
          Show the welcome
        </button>
      </div>
      {tab === 'concepts' ? (
        <div role="tabpanel" id="help-concepts" aria-labelledby="help-tab-concepts">
          <p>Every word the screens use, with the kernel file or mailing-list thread it comes from.</p>
          <LazyGlossaryList />
        </div>
      ) : (
        <div role="tabpanel" id="help-keys" aria-labelledby="help-tab-keys">
          <KeyHelp />
        </div>
      )}
      <form method="dialog" className="dialog-buttons">
        <button type="submit" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}

function HelpTabButton(p: { id: HelpTab; label: string; tab: HelpTab; onTab: (t: HelpTab) => void }) {
  return (
    <button
      type="button"
      role="tab"
      id={`help-tab-${p.id}`}
      aria-selected={p.tab === p.id}
      aria-controls={`help-${p.id}`}
      onClick={() => p.onTab(p.id)}
      onKeyDown={(e) => {
        // Arrow keys move between the two tabs, as in every tablist.
        if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
        e.preventDefault();
        const next: HelpTab = p.id === 'keys' ? 'concepts' : 'keys';
        p.onTab(next);
        document.getElementById(`help-tab-${next}`)?.focus();
      }}
    >
      {p.label}
    </button>
  );
}

function KeyHelp() {
  return (
    <>
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
    </>
  );
}
