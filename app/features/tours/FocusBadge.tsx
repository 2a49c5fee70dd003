import './tours.css';
import { FOCUS_PANEL_NAME, type FocusPanel } from '../../../core/index.ts';
import { useTourFocus } from './useTourFocus.ts';

/** Is this panel the one the tour step points at? */
export const useFocused = (panel: FocusPanel): boolean => useTourFocus()?.panel === panel;

/**
 * The label on the panel a tour step points at: with the panel's outline (class "focused"),
 * the highlight never relies on colour alone.
 */
export function FocusBadge({ panel }: { panel: FocusPanel }) {
  if (!useFocused(panel)) return null;
  return <p className="focus-badge">{`Look here: ${FOCUS_PANEL_NAME[panel]}`}</p>;
}
