import { openDialog } from '../../store/commands.ts';
import { useSim, useSimStore } from '../../store/context.tsx';
import { lazyDialog } from '../dialog/lazyDialog.tsx';

const NewScenarioDialog = lazyDialog(async () => (await import('./NewScenarioDialog.tsx')).NewScenarioDialog);

/** The button that opens the dialog, and the dialog while it is open. */
export function NewScenario() {
  const store = useSimStore();
  const open = useSim((s) => s.ui.dialog === 'new-scenario');
  return (
    <>
      <button type="button" aria-keyshortcuts="n" onClick={() => openDialog(store, 'new-scenario')}>
        New scenario…
      </button>
      {open && <NewScenarioDialog onClose={() => openDialog(store, null)} />}
    </>
  );
}
