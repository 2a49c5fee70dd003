import { FOCUS_PANEL_NAME, hex, sizeName } from '../../../core/index.ts';
import { useTourFocus } from './useTourFocus.ts';

/** The narration's pointer: which panel to look at, and which bytes of the file. */
export function LookLine() {
  const focus = useTourFocus();
  if (focus === null) return null;
  return (
    <p className="narration-look">
      {`Look at ${FOCUS_PANEL_NAME[focus.panel]}: ${sizeName(focus.end - focus.start)} at ${hex(focus.start)}`}
    </p>
  );
}
