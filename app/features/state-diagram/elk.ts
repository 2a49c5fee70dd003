/**
 * Runs ELK off the main thread and caches every layout by its graph's key. The whole page
 * machine takes a second or two to lay out, a focus graph tens of milliseconds: both far
 * more than a frame, so the browser gets elkjs's own web worker (elk-worker.min.js, a
 * separate asset) and the main thread loads only the small elk-api, lazily. Node has no
 * Worker: tests hand in the bundled build with setLayoutEngine().
 */
import type { ElkNode } from 'elkjs/lib/elk-api';
import { fromElk, type DiagramGraph, type Layout } from './elkGraph.ts';
import WHOLE_LAYOUTS from './wholeLayouts.json';

export interface Engine {
  layout(g: ElkNode): Promise<ElkNode>;
}

let engine: Promise<Engine> | undefined;

/** Replaces the worker (tests under node run elk.bundled.js in-process). */
export function setLayoutEngine(e: Engine): void {
  engine = Promise.resolve(e);
  cache.clear();
}

async function makeEngine(): Promise<Engine> {
  if (typeof Worker === 'undefined') throw new Error('this browser has no Web Worker to run the layout in');
  const [{ default: ELK }, { default: workerUrl }] = await Promise.all([
    import('elkjs/lib/elk-api.js'),
    import('elkjs/lib/elk-worker.min.js?url'),
  ]);
  return new ELK({ workerUrl });
}

/** At most this many layouts are kept (focus graphs differ per state and outcome set). */
const CACHE_MAX = 64;
const cache = new Map<string, Promise<Layout>>();

/** Whole-machine layouts saved by scripts/diagram-layouts.ts (keys carry the graph's digest). */
const SAVED = new Map(Object.entries(WHOLE_LAYOUTS as unknown as Record<string, Layout>));

/** The layout of a graph: saved, or computed once per key and then answered from the cache. */
export function layout(d: DiagramGraph): Promise<Layout> {
  const saved = SAVED.get(d.key);
  if (saved !== undefined) return Promise.resolve(saved);
  const hit = cache.get(d.key);
  if (hit !== undefined) {
    // Most recently used last: the oldest entry is the one evicted.
    cache.delete(d.key);
    cache.set(d.key, hit);
    return hit;
  }
  engine ??= makeEngine();
  const p = engine.then((e) => e.layout(structuredClone(d.graph))).then((g) => fromElk(d, g));
  // A failed layout is not cached: the next render asks again.
  p.catch(() => cache.delete(d.key));
  cache.set(d.key, p);
  if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value as string);
  return p;
}
