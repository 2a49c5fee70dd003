import { observe, type Observation } from '../observe.ts';
import { plainObservation } from '../observation.ts';
import type { RaceViolation } from './invariants.ts';
import { blockedBy, enabledActors, keyOf, SPINS, stepActor, type Race } from './session.ts';
import type { ActorResult, ExploreOptions, Wait, World } from './types.ts';

interface Edge {
  readonly actor: string;
  readonly label: string;
  readonly fn: string;
  readonly to: number;
}

interface Node {
  readonly world: World;
  readonly violations: readonly RaceViolation[];
  /** The BFS tree: shortest, lexicographically least schedule (actors in `actors` order). */
  readonly parent: number;
  readonly via: Edge | null;
  readonly depth: number;
  edges: Edge[];
}

/** How often explore's `onProgress` is told: often enough for a progress line, rarely enough to cost nothing. */
export const PROGRESS_EVERY = 100;

export const DEFAULT_EXPLORE: ExploreOptions = { maxStates: 100_000, maxViolations: 20 };

/** A schedule: the actors that moved, and the labels of their steps (for people and tests). */
export interface Schedule {
  readonly schedule: string[];
  readonly labels: string[];
}

export interface RaceOutcome extends Schedule {
  readonly results: Record<string, string>;
  readonly state: Observation;
  readonly interleavings: string;
  /** The lexicographically least maximal schedule reaching this outcome. */
  readonly example: string[];
  /** Present when some schedule reaching this outcome passes a violating state. */
  readonly violating?: OutcomeViolation;
}

/** How an outcome can be reached through a violation (the outcome table marks it). */
export interface OutcomeViolation {
  /** Those of the outcome's interleavings that pass ≥ 1 violating state (decimal string). */
  readonly interleavings: string;
  /** The invariants broken on those schedules, sorted. */
  readonly invariants: string[];
  /** The lexicographically least of those schedules. */
  readonly example: string[];
}

export interface ExploreResult {
  readonly format: 'folioscope-race-result';
  readonly version: 1;
  readonly complete: boolean;
  readonly states: number;
  readonly interleavings?: string | null;
  readonly violatingInterleavings?: string;
  readonly distinctFinalStates?: number;
  readonly outcomes: Omit<RaceOutcome, 'schedule' | 'labels'>[];
  readonly violations: (Schedule & {
    step: { actor: string; label: string; fn: string };
    invariant: string;
    message: string;
  })[];
  readonly deadlocks: (Schedule & { kind: 'lock' | 'spin'; waiting: Waiter[] })[];
  readonly livelocks: Schedule[];
  readonly blocked: { states: number; byResource: Record<string, number> };
}

/** An unfinished actor in a deadlock: where it stopped and what it waits for (§5). */
export interface Waiter {
  readonly actor: string;
  readonly label: string;
  readonly resource: Wait['resource'];
  readonly holder?: string;
  readonly on: string;
}

/** "ok", or the errno (with the exit when there is one): the outcome table's cell. */
export const resultText = (r: ActorResult | undefined): string =>
  r === undefined ? 'running' : r.ok ? 'ok' : `${r.errno ?? ''}${r.exit === undefined ? '' : ` ${r.exit}`}`;

/** Breadth-first over the state graph; successors in actor order. */
function search(
  r: Race,
  opts: ExploreOptions,
  onProgress?: (states: number) => void,
): { nodes: Node[]; complete: boolean } {
  const index = new Map<string, number>([[keyOf(r, r.start), 0]]);
  const nodes: Node[] = [{ world: r.start, violations: [], parent: -1, via: null, depth: 0, edges: [] }];
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i] as Node;
    for (const actor of enabledActors(r, n.world)) {
      const o = stepActor(r, n.world, actor);
      const key = keyOf(r, o.world);
      let to = index.get(key);
      if (to === undefined) {
        if (nodes.length >= opts.maxStates) return { nodes, complete: false };
        to = nodes.length;
        index.set(key, to);
        const via = { actor, label: o.label, fn: o.fn, to };
        nodes.push({
          world: o.world,
          violations: o.violations,
          parent: i,
          via,
          depth: n.depth + 1,
          edges: [],
        });
        if (nodes.length % PROGRESS_EVERY === 0) onProgress?.(nodes.length);
      }
      n.edges.push({ actor, label: o.label, fn: o.fn, to });
    }
  }
  return { nodes, complete: true };
}

function pathTo(nodes: readonly Node[], i: number): Schedule {
  const schedule: string[] = [];
  const labels: string[] = [];
  for (let n = nodes[i] as Node; n.via !== null; n = nodes[n.parent] as Node) {
    schedule.push(n.via.actor);
    labels.push(n.via.label);
  }
  return { schedule: schedule.toReversed(), labels: labels.toReversed() };
}

/** Iterative DFS post-order; a back edge is a cycle (livelock, §5). */
function postOrder(nodes: readonly Node[]): { order: number[]; backEdges: [number, number][] } {
  const state = new Uint8Array(nodes.length);
  const order: number[] = [];
  const backEdges: [number, number][] = [];
  const stack: [number, number][] = [[0, 0]];
  state[0] = 1;
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as [number, number];
    const n = nodes[top[0]] as Node;
    const e = n.edges[top[1]++];
    if (e === undefined) {
      state[top[0]] = 2;
      order.push(top[0]);
      stack.pop();
    } else if (state[e.to] === 1) backEdges.push([top[0], e.to]);
    else if (state[e.to] === 0) {
      state[e.to] = 1;
      stack.push([e.to, 0]);
    }
  }
  return { order, backEdges };
}

const lexLess = (a: readonly string[], b: readonly string[], rank: Map<string, number>): boolean => {
  for (let i = 0; i < Math.min(a.length, b.length); i++)
    if (a[i] !== b[i]) return (rank.get(a[i] as string) ?? 0) < (rank.get(b[i] as string) ?? 0);
  return a.length < b.length;
};

/**
 * Explores every interleaving of the race (§7): stateful exhaustive search with memoised
 * path counting. Counts are exact BigInts, written as decimal strings. `onProgress` is told
 * the number of states found every PROGRESS_EVERY states (the app's worker reports it).
 */
export function explore(
  r: Race,
  opts: ExploreOptions = DEFAULT_EXPLORE,
  onProgress?: (states: number) => void,
): ExploreResult {
  const { nodes, complete } = search(r, opts, onProgress);
  const rank = new Map(r.order.map((id, i) => [id, i]));
  const blocked = blockedStates(r, nodes);
  const violations = firstViolations(nodes, opts.maxViolations);
  const deadlocks = nodes.flatMap((n, i) =>
    n.edges.length === 0 && !allDone(r, n.world) ? [deadlockAt(r, nodes, i)] : [],
  );
  const head = { format: 'folioscope-race-result', version: 1 } as const;
  const tail = { violations, deadlocks } as const;
  if (!complete)
    return { ...head, complete: false, states: nodes.length, outcomes: [], ...tail, livelocks: [], blocked };
  const { order, backEdges } = postOrder(nodes);
  if (backEdges.length > 0) {
    const livelocks = backEdges.map(([a]) => pathTo(nodes, a));
    return {
      ...head,
      complete: true,
      states: nodes.length,
      interleavings: null,
      outcomes: [],
      ...tail,
      livelocks,
      blocked,
    };
  }
  const counts = countPaths(nodes, order, rank);
  const outcomes = collectOutcomes(r, nodes, counts, rank);
  return {
    ...head,
    complete: true,
    states: nodes.length,
    interleavings: String(counts.total),
    violatingInterleavings: String(counts.total - counts.clean),
    distinctFinalStates: outcomes.length,
    outcomes,
    ...tail,
    livelocks: [],
    blocked,
  };
}

/**
 * total: maximal schedules from the start; clean: those that never pass a violating state;
 * into: schedules from the start to each state, best: the lexicographically least of them.
 */
function countPaths(nodes: readonly Node[], order: readonly number[], rank: Map<string, number>) {
  const total: bigint[] = Array.from({ length: nodes.length }, () => 0n);
  const clean: bigint[] = Array.from({ length: nodes.length }, () => 0n);
  for (const i of order) {
    const n = nodes[i] as Node;
    const leaf = n.edges.length === 0;
    total[i] = leaf ? 1n : n.edges.reduce((s, e) => s + (total[e.to] as bigint), 0n);
    clean[i] =
      n.violations.length > 0 ? 0n : leaf ? 1n : n.edges.reduce((s, e) => s + (clean[e.to] as bigint), 0n);
  }
  const into: bigint[] = Array.from({ length: nodes.length }, () => 0n);
  const best = Array.from({ length: nodes.length }, (): string[] | undefined => undefined);
  const dirty = dirtyPaths(nodes.length);
  into[0] = 1n;
  best[0] = [];
  for (const i of order.toReversed()) {
    for (const e of (nodes[i] as Node).edges) {
      into[e.to] = (into[e.to] as bigint) + (into[i] as bigint);
      const cand = [...(best[i] as string[]), e.actor];
      const cur = best[e.to];
      if (cur === undefined || lexLess(cand, cur, rank)) best[e.to] = cand;
      dirty.follow(nodes, i, e, into, best, rank);
    }
  }
  return { total: total[0] as bigint, clean: clean[0] as bigint, into, best, dirty };
}

/**
 * Per state, the schedules from the start that passed a violating state (this one included):
 * how many, the invariants they broke, and the lexicographically least of them. Filled edge
 * by edge in topological order, next to `into` and `best`.
 */
function dirtyPaths(n: number) {
  const into: bigint[] = Array.from({ length: n }, () => 0n);
  const best = Array.from({ length: n }, (): string[] | undefined => undefined);
  const invariants = Array.from({ length: n }, (): Set<string> | undefined => undefined);
  return {
    into,
    best,
    invariants,
    /** Edge i -> e.to: every path into a violating state is dirty, else it stays what it was at i. */
    follow(
      nodes: readonly Node[],
      i: number,
      e: Edge,
      allInto: readonly bigint[],
      allBest: readonly (string[] | undefined)[],
      rank: Map<string, number>,
    ): void {
      const bad = (nodes[e.to] as Node).violations;
      const viaBad = bad.length > 0;
      const from = viaBad ? allBest[i] : best[i];
      if (from === undefined) return;
      into[e.to] = (into[e.to] as bigint) + ((viaBad ? allInto[i] : into[i]) as bigint);
      const cand = [...from, e.actor];
      const cur = best[e.to];
      if (cur === undefined || lexLess(cand, cur, rank)) best[e.to] = cand;
      const set = (invariants[e.to] ??= new Set());
      for (const v of bad) set.add(v.invariant);
      for (const x of invariants[i] ?? []) set.add(x);
    },
  };
}

const allDone = (r: Race, w: World): boolean => r.order.every((id) => w.actors[id]?.status === 'done');

function waiters(r: Race, w: World): Waiter[] {
  return r.order.flatMap((id) => {
    const b = blockedBy(r, w, id);
    if (b === undefined || b === 'done') return [];
    const holder = b.holder === undefined ? {} : { holder: b.holder };
    return [{ actor: id, label: w.actors[id]?.pc ?? '', resource: b.resource, ...holder, on: b.on }];
  });
}

/** A deadlock of kind spin when every waiter spins on a value nobody will change (§5). */
function deadlockAt(r: Race, nodes: readonly Node[], i: number): ExploreResult['deadlocks'][number] {
  const waiting = waiters(r, (nodes[i] as Node).world);
  const kind = waiting.every((w) => SPINS.includes(w.resource)) ? 'spin' : 'lock';
  return { ...pathTo(nodes, i), kind, waiting };
}

function blockedStates(r: Race, nodes: readonly Node[]): ExploreResult['blocked'] {
  const byResource: Record<string, number> = {};
  let states = 0;
  for (const n of nodes) {
    const ws = r.order
      .map((id) => blockedBy(r, n.world, id))
      .filter((b): b is Wait => b !== undefined && b !== 'done');
    if (ws.length === 0) continue;
    states++;
    for (const res of new Set(ws.map((w) => w.resource))) byResource[res] = (byResource[res] ?? 0) + 1;
  }
  return { states, byResource };
}

/** States where a violation appears (not inherited from the BFS parent), shortest first. */
function firstViolations(nodes: readonly Node[], max: number): ExploreResult['violations'] {
  const out: ExploreResult['violations'] = [];
  nodes.forEach((n, i) => {
    const before = new Set((nodes[n.parent]?.violations ?? []).map((v) => v.message));
    const fresh = n.violations.find((v) => !before.has(v.message));
    if (fresh === undefined || n.via === null || out.length >= max) return;
    out.push({
      ...pathTo(nodes, i),
      step: { actor: n.via.actor, label: n.via.label, fn: n.via.fn },
      invariant: fresh.invariant,
      message: fresh.message,
    });
  });
  return out;
}

function collectOutcomes(
  r: Race,
  nodes: readonly Node[],
  paths: Pick<ReturnType<typeof countPaths>, 'into' | 'best' | 'dirty'>,
  rank: Map<string, number>,
): ExploreResult['outcomes'] {
  const { into, best, dirty } = paths;
  const least = (a: string[] | undefined, b: string[] | undefined): string[] | undefined =>
    a === undefined ? b : b === undefined || lexLess(a, b, rank) ? a : b;
  interface Acc {
    results: Record<string, string>;
    state: Observation;
    interleavings: bigint;
    example: string[];
    bad: bigint;
    invariants: Set<string>;
    badExample: string[] | undefined;
  }
  const byKey = new Map<string, Acc>();
  nodes.forEach((n, i) => {
    if (n.edges.length > 0 || !allDone(r, n.world)) return;
    const results = Object.fromEntries(r.order.map((id) => [id, resultText(n.world.actors[id]?.result)]));
    // Plain: the result is posted from a worker (a structured clone takes own fields only).
    const state = plainObservation(observe(n.world.g));
    const key = JSON.stringify([results, state]);
    const o = byKey.get(key) ?? {
      results,
      state,
      interleavings: 0n,
      example: best[i] as string[],
      bad: 0n,
      invariants: new Set<string>(),
      badExample: undefined,
    };
    o.interleavings += into[i] as bigint;
    o.example = least(best[i], o.example) as string[];
    o.bad += dirty.into[i] as bigint;
    for (const x of dirty.invariants[i] ?? []) o.invariants.add(x);
    o.badExample = least(dirty.best[i], o.badExample);
    byKey.set(key, o);
  });
  return [...byKey.values()]
    .toSorted((a, b) => (lexLess(a.example, b.example, rank) ? -1 : 1))
    .map((o) => ({
      results: o.results,
      state: o.state,
      interleavings: String(o.interleavings),
      example: o.example,
      ...(o.badExample === undefined
        ? {}
        : {
            violating: {
              interleavings: String(o.bad),
              invariants: [...o.invariants].toSorted(),
              example: o.badExample,
            },
          }),
    }));
}
