/** fast-check arbitraries of valid scenario JSON (every op and knob), shared by the codec tests. */
import fc from 'fast-check';
import { OP_FIELDS } from './parse.ts';

const size = fc.oneof(
  fc.nat({ max: 1 << 20 }).map((p) => p * 4096),
  fc.nat({ max: 2 ** 40 }),
);
const holder = fc.constantFrom('vfio', 'io_uring', 'gup', 'x.y:z');
const note = fc.string({ maxLength: 20 });
/** Any op with every field drawn from the given arbitraries (optional fields sometimes absent). */
export function opOf(
  sizeArb: fc.Arbitrary<unknown>,
  holderArb: fc.Arbitrary<unknown>,
  noteArb: fc.Arbitrary<unknown>,
  noteFreq?: number,
): fc.Arbitrary<Record<string, unknown>> {
  return fc.constantFrom(...(Object.keys(OP_FIELDS) as (keyof typeof OP_FIELDS)[])).chain((name) => {
    const fields: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [k, [kind, required]] of Object.entries(OP_FIELDS[name])) {
      const arb: fc.Arbitrary<unknown> =
        kind === 'size'
          ? sizeArb
          : kind === 'bool'
            ? fc.boolean()
            : kind === 'attr'
              ? fc.constantFrom('shared', 'private')
              : kind === 'holder'
                ? holderArb
                : kind === 'splitTo'
                  ? fc.constantFrom('2M', '4K')
                  : fc.constantFrom('2M', '1G');
      fields[k] = required ? arb : fc.option(arb, { nil: undefined });
    }
    fields['note'] = fc.option(
      noteArb,
      noteFreq === undefined ? { nil: undefined } : { nil: undefined, freq: noteFreq },
    );
    return fc.record(fields).map((f) => ({
      op: name,
      ...Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)),
    }));
  });
}

export const OP = opOf(size, holder, note);
export const RAW_SCENARIO = fc.record({
  title: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
  vm: fc.record({ type: fc.constantFrom('sw_protected', 'tdx', 'snp', 'pkvm') }),
  gmem: fc.record({
    // Within the block limit for every page size (limits.test.ts covers the whole range).
    size: fc.nat({ max: 2 ** 34 }),
    pageSize: fc.constantFrom('4K', '2M', '1G'),
    mmap: fc.boolean(),
    initShared: fc.boolean(),
  }),
  policy: fc.record({
    splitPath: fc.constantFrom('direct', 'stepwise'),
    mergeWhen: fc.constantFrom('convert', 'lastRef', 'never'),
    hostUnmap: fc.constantFrom('auto', 'require'),
    partialPunch: fc.constantFrom('zero', 'refuse'),
    mainline: fc.boolean(),
    unsafeSkipRefCheck: fc.boolean(),
    unsafeSkipZap: fc.boolean(),
    crossBoundary: fc.constantFrom('zap', 'split'),
    leavesOnSplit: fc.constantFrom('demote', 'keep'),
    tdxRemovalFailure: fc.constantFrom('ref', 'bug'),
    hostHugePages: fc.option(fc.nat({ max: 5000 }), { nil: undefined }),
  }),
  steps: fc.array(OP, { maxLength: 30 }),
});
