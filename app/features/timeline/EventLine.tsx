import { hex, sizeName } from '../../../core/index.ts';
import type { CoreEvent } from '../../../core/index.ts';
import { arrows } from './arrows.ts';

/**
 * One event in words: its kernel function, the range it is about, then what it did (a
 * transition's machine and states, or the detail). The events list and the step's "Left
 * behind" lines spell events alike.
 */
export function EventLine({ e }: { e: CoreEvent }) {
  return (
    <>
      <code>{e.fn}</code>
      {e.offset !== undefined && (
        <span className="muted">
          {' '}
          {hex(e.offset)}
          {e.length !== undefined ? `+${sizeName(e.length)}` : ''}
        </span>
      )}
      {e.type === 'transition'
        ? ` ${e.machine ?? ''} ${e.from ?? ''} → ${e.to ?? ''}`
        : e.detail !== undefined
          ? `: ${arrows(e.detail)}`
          : ` ${e.type}`}
    </>
  );
}
