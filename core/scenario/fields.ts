import type { OpName } from '../types.ts';

/**
 * The fields of every op, in the order the link codec writes them: name -> [kind, required].
 * `note` is allowed on every step. Looked up by own keys only (Object.hasOwn): names come
 * from input, and "constructor" or "__proto__" must never resolve to something.
 */
export type Kind = 'size' | 'bool' | 'holder' | 'attr' | 'text' | 'splitTo' | 'mergeSize';
export const OP_FIELDS: Record<OpName, Record<string, [Kind, boolean]>> = {
  allocate: { offset: ['size', true], length: ['size', true] },
  punchHole: { offset: ['size', true], length: ['size', true] },
  convert: { offset: ['size', true], length: ['size', true], to: ['attr', true] },
  guestAccess: { offset: ['size', true], as: ['attr', false], write: ['bool', false] },
  hostMap: { offset: ['size', true], length: ['size', true] },
  hostUnmap: { offset: ['size', true], length: ['size', true] },
  hostAccess: { offset: ['size', true], write: ['bool', false] },
  madviseDontneed: { offset: ['size', true], length: ['size', true] },
  pin: {
    offset: ['size', true],
    length: ['size', true],
    holder: ['holder', false],
    longterm: ['bool', false],
  },
  unpin: { offset: ['size', true], length: ['size', true], holder: ['holder', false] },
  getRef: { offset: ['size', true], holder: ['holder', false] },
  putRef: { offset: ['size', true], holder: ['holder', false] },
  split: { offset: ['size', true], to: ['splitTo', true] },
  merge: { offset: ['size', true], size: ['mergeSize', true] },
  memoryFailure: { offset: ['size', true] },
  injectRemovalFailure: { offset: ['size', true] },
  close: {},
};

/**
 * Why `v` is not a holder name (undefined when it is one). The parser and the app's holder
 * field share this one rule.
 */
export function holderProblem(v: unknown): string | undefined {
  return typeof v === 'string' && /^[A-Za-z0-9_.:@/+-]{1,64}$/.test(v)
    ? undefined
    : `expected a holder name (1-64 letters, digits or _.:@/+-), got ${showValue(v)}`;
}

/** A value as a short quoted snippet for a message (bounded: the caller limited its depth). */
export const showValue = (v: unknown): string => {
  // What JSON cannot say itself: a field left out, and a number too large for a double (JSON
  // reads 1e400 as Infinity, which it would write back as null).
  if (v === undefined) return 'nothing (the field is missing)';
  if (typeof v === 'number' && !Number.isFinite(v))
    return 'a number too large to hold (it reads as Infinity)';
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
};
