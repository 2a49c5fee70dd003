import { useSim } from '../../store/context.tsx';
import { selectSelection } from '../../store/selectors.ts';
import { NO_SELECTION_REASON } from './ops.ts';
import '../notice/notice.css';

/** In place, above the operations: why most of them cannot act yet. */
export function SelectionNeeded() {
  const selection = useSim(selectSelection);
  if (selection !== null) return null;
  return (
    <p className="selection-needed">{`Nothing is selected. ${NO_SELECTION_REASON} The operations below act on the selection.`}</p>
  );
}
