import { INK, SHARED_PATTERN_ID } from '../theme.ts';

/** SVG pattern defs: shared memory is striped on top of its colour, never colour alone. */
export function Patterns() {
  return (
    <defs>
      <pattern
        id={SHARED_PATTERN_ID}
        width="6"
        height="6"
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)"
      >
        <line x1="0" y1="0" x2="0" y2="6" stroke={INK.stripes} strokeOpacity="0.35" strokeWidth="2" />
      </pattern>
    </defs>
  );
}
