/**
 * The diagram tested as the model (XState's path testing): every state is reachable along the
 * diagram's own edges; every drawn edge and every refused edge has a concrete scenario, found
 * by a bounded search over real core states, that takes it; replaying that scenario, the core
 * answers exactly what the diagram draws (target state, or errno); and every change the
 * search saw the core make is drawn.
 */
import { describe, expect, it } from 'vitest';
import { apply } from './apply.ts';
import { classifyBlocks, pageStateAt } from './classify.ts';
import { create } from './create.ts';
import { BLOCK_MACHINE, PAGE_MACHINE, type Machine } from './diagram.ts';
import { explore, type Witness } from './diagram.paths.ts';
import type { GmemState, StepResult } from './types.ts';

const found = explore();

const blockAt0 = (s: GmemState): string | undefined => classifyBlocks(s, 0, 1)[0]?.value;

/** Replays a witness: the state before its op, and the op's result. */
function replayWitness(w: Witness): { before: GmemState; result: StepResult } {
  const made = create(w.config);
  if (made.state === null) throw new Error('witness config refused');
  const before = w.prefix.reduce((s, op) => apply(s, op).state, made.state);
  return { before, result: apply(before, w.op) };
}

const stateOf = (machine: 'page' | 'block', s: GmemState) =>
  machine === 'page' ? pageStateAt(s, 0) : blockAt0(s);

/** States reachable from `roots` along the machine's edges. */
function reachable(m: Machine<string>, roots: readonly string[]): Set<string> {
  const seen = new Set(roots);
  const queue = [...roots];
  for (let id = queue.shift(); id !== undefined; id = queue.shift())
    for (const e of m.edges)
      if (e.from === id && !seen.has(e.to)) {
        seen.add(e.to);
        queue.push(e.to);
      }
  return seen;
}

/** The two states are the same but for the VMM's PTEs (a refusal's documented side effect). */
const onlyPtesDiffer = (a: GmemState, b: GmemState): boolean =>
  JSON.stringify({ ...a, ptes: [] }) === JSON.stringify({ ...b, ptes: [] });

const cases = [
  { m: PAGE_MACHINE as Machine<string>, roots: ['private-hole', 'shared-hole'], seen: found.page },
  { m: BLOCK_MACHINE as Machine<string>, roots: ['absent'], seen: found.block },
] as const;

describe.each(cases)('the $m.id machine as the model', ({ m, roots, seen }) => {
  const refusedSeen = m.id === 'page' ? found.pageRefused : found.blockRefused;

  it('reaches every state along its own edges from a new file', () => {
    expect([...reachable(m, roots)].toSorted()).toEqual(m.states.map((s) => s.id).toSorted());
  });

  it('draws every change of state the search saw the core make', () => {
    const drawn = new Set(m.edges.map((e) => e.id));
    expect([...seen.keys()].filter((k) => !drawn.has(k))).toEqual([]);
  });

  it('labels each outcome of an op that can reach several states with its condition', () => {
    const groups = new Map<string, (typeof m.edges)[number][]>();
    for (const e of m.edges) {
      const k = `${e.from}:${e.op}:${e.to_attr ?? ''}`;
      groups.set(k, [...(groups.get(k) ?? []), e]);
    }
    const unlabelled = [...groups.values()]
      .filter((g) => g.length > 1)
      .flatMap((g) => g.filter((e) => e.when === undefined).map((e) => e.id));
    expect(unlabelled).toEqual([]);
  });

  for (const e of m.edges)
    it(`edge ${e.id}: a concrete scenario takes it and the core lands in ${e.to}`, () => {
      const w = seen.get(e.id);
      expect(w, `no scenario found for ${e.id}`).toBeDefined();
      // A conversion edge is taken by a conversion the way the edge says.
      const dir = w?.op.op === 'convert' ? w.op.to : undefined;
      expect(e.to_attr ?? dir).toBe(dir);
      const { before, result } = replayWitness(w as Witness);
      expect(stateOf(m.id, before)).toBe(e.from);
      // A refused step takes an edge only through its documented side effect: the PTEs it
      // zapped before refusing (spec v2, "Refused operations can have side effects").
      expect(
        result.refusal === undefined || onlyPtesDiffer(result.state, before),
        'a refused step changed more than the PTEs it zapped first',
      ).toBe(true);
      expect(stateOf(m.id, result.state)).toBe(e.to);
      const taken = result.transitions.filter(
        (ev) => ev.machine === m.id && ev.edge === e.id && ev.offset <= 0 && 0 < ev.offset + ev.length,
      );
      expect(taken).toHaveLength(1);
    });

  for (const r of m.refused)
    it(`refused ${r.from} --${r.op}${r.to_attr === undefined ? '' : ` to ${r.to_attr}`}--> ${r.errno}: the core answers it`, () => {
      const key = [...refusedSeen.keys()].find((k) => {
        const [from, op, attr, errno] = k.split(':');
        return from === r.from && op === r.op && (r.to_attr ?? attr) === attr && errno === r.errno;
      });
      expect(key, `no scenario found for ${r.from}:${r.op}:${r.errno}`).toBeDefined();
      const { before, result } = replayWitness(refusedSeen.get(key as string) as Witness);
      expect(stateOf(m.id, before)).toBe(r.from);
      expect(result.refusal?.errno).toBe(r.errno);
      // Nothing changes but the documented side effects (the VMM's PTEs zapped first).
      expect(
        result.state === before || onlyPtesDiffer(result.state, before),
        'the refusal changed more than its documented side effects',
      ).toBe(true);
    });
});
