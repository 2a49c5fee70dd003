import type { GmemState, Refusal } from '../types.ts';
import { PAGE, hex, rangeName } from '../units.ts';
import { refuse } from '../state/tx.ts';

/** fd calls after close: the file descriptor is gone. */
export const needOpen = (s: GmemState, fn: string): Refusal | undefined =>
  s.open ? undefined : refuse('EBADF', 'fd.closed', fn, 'the guest_memfd file descriptor was closed');

/** Offsets and lengths are whole 4K pages; a range is never empty. */
export function needAligned(fn: string, offset: number, length?: number): Refusal | undefined {
  if (offset % PAGE !== 0)
    return refuse('EINVAL', 'args.alignment', fn, `offset ${hex(offset)} is not 4K-aligned`);
  if (length === undefined) return undefined;
  if (length === 0) return refuse('EINVAL', 'args.empty', fn, 'length is 0');
  if (length % PAGE !== 0)
    return refuse('EINVAL', 'args.alignment', fn, `length ${hex(length)} is not 4K-aligned`);
  return undefined;
}

/** [offset, offset + length) must lie inside the file. */
export function needInFile(s: GmemState, fn: string, offset: number, length = PAGE): Refusal | undefined {
  if (offset + length <= s.config.size) return undefined;
  return refuse(
    'EINVAL',
    'args.beyond-eof',
    fn,
    `${rangeName(offset, offset + length)} passes the end of the file (${hex(s.config.size)})`,
  );
}

/** The first refusal of a list of checks run in order. */
export function first(...checks: (() => Refusal | undefined)[]): Refusal | undefined {
  for (const c of checks) {
    const r = c();
    if (r !== undefined) return r;
  }
  return undefined;
}
