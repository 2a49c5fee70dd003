/**
 * The worked examples of spec/races.md §8 as race specs: used by the acceptance tests and
 * `npm run bench`. Setups make the page uptodate (written once) where the spec says only
 * "allocated": a later first-use zeroing would otherwise split one outcome into two states.
 */
import type { RaceSpec } from './testkit.ts';

export const C = (to: string) => ({ id: 'C', op: 'convert', offset: 0, length: '4K', to });
export const mapped = [{ op: 'hostMap', offset: 0, length: '16K' }];
/** A page the VMM wrote and then dropped (madvise DONTNEED): allocated and uptodate, so no path zeroes it later. */
const written = [
  ...mapped,
  { op: 'hostAccess', offset: 0, write: true },
  { op: 'madviseDontneed', offset: 0, length: '4K' },
];
const privateWritten = [...written, { op: 'convert', offset: 0, length: '4K', to: 'private' }];

/** The setups and actors of races.md §8's worked examples (knobs are given per run). */
export const WORKED_EXAMPLES: Record<string, RaceSpec> = {
  a: {
    setup: [...mapped, { op: 'hostAccess', offset: 0, write: true }],
    actors: [
      C('private'),
      { id: 'G', op: 'pin', offset: 0, length: '4K', holder: 'odirect', longterm: false },
    ],
  },
  b: { setup: written, actors: [C('private'), { id: 'H', op: 'hostAccess', offset: 0 }] },
  c: {
    setup: privateWritten,
    actors: [C('shared'), { id: 'V', op: 'guestAccess', offset: 0, as: 'private' }],
  },
  cMirror: {
    setup: written,
    actors: [C('private'), { id: 'V', op: 'guestAccess', offset: 0, as: 'shared' }],
  },
  d: {
    setup: privateWritten,
    actors: [
      { id: 'P', op: 'punchHole', offset: 0, length: '4K' },
      { id: 'V', op: 'guestAccess', offset: 0, as: 'private' },
    ],
  },
  e1: {
    setup: written,
    actors: [
      { id: 'A', op: 'faultConvert', offset: 0 },
      { id: 'B', op: 'faultConvert', offset: 0 },
    ],
  },
  e2: {
    setup: [...mapped, { op: 'hostAccess', offset: 0 }],
    actors: [
      { id: 'A', op: 'faultConvert', offset: 0 },
      { id: 'G', op: 'pin', offset: 0, length: '4K', foll: 'get', path: 'fast' },
    ],
  },
  e3: {
    setup: written,
    actors: [
      C('private'),
      { id: 'V', op: 'guestAccess', offset: 0, as: 'shared' },
      { id: 'W', op: 'guestAccess', offset: 0, as: 'shared' },
    ],
  },
  f: {
    vm: 'tdx',
    initShared: false,
    setup: [...mapped, { op: 'guestAccess', offset: 0 }, { op: 'injectRemovalFailure', offset: 0 }],
    actors: [C('shared'), { id: 'H', op: 'hostAccess', offset: 0 }],
  },
  g: {
    size: '2M',
    pageSize: '2M',
    initShared: false,
    setup: [{ op: 'guestAccess', offset: 0 }],
    actors: [C('shared'), { id: 'V', op: 'guestAccess', offset: 0, as: 'private' }],
  },
  /** (g2): the same split on TDX after a failed S-EPT removal, C alone. */
  g2: {
    vm: 'tdx',
    size: '2M',
    pageSize: '2M',
    initShared: false,
    setup: [
      { op: 'guestAccess', offset: 0 },
      { op: 'injectRemovalFailure', offset: 0 },
    ],
    actors: [C('shared')],
  },
};

/** The knob runs of §8 the bench reports: each example by default and with its unsafe knob. */
export const EXAMPLE_RUNS: readonly [string, Record<string, unknown> | undefined][] = [
  ['a', undefined],
  ['a', { gupFastRecheck: false }],
  ['b', undefined],
  ['b', { hostFaultLock: false }],
  ['c', undefined],
  ['c', { mmuSeqRetry: false }],
  ['d', undefined],
  ['d', { mmuSeqRetry: false }],
  ['e1', undefined],
  ['e2', { faultConvertCheck: 'skip' }],
  ['e3', undefined],
  ['e3', { vcpuRefAcrossMap: 'drop' }],
  ['f', undefined],
  ['f', { tdxRemovalFailure: 'propagate' }],
  ['g', undefined],
  ['g', { freezeWait: 'spin' }],
];
