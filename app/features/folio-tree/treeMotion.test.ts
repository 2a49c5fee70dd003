import { describe, expect, it } from 'vitest';
import { observe, parseScenario, replayStates } from '../../../core/index.ts';
import { folioTree } from './treeLayout.ts';
import { placeNodes } from './treeMotion.ts';

const G = 2 ** 30;

/** The trees before and after sharing one 4K page of a fully used 1G folio (stepwise: 1G -> 2M -> 4K). */
function splitTrees() {
  const p = parseScenario({
    format: 'folioscope-scenario',
    version: 1,
    gmem: { size: '1G', pageSize: '1G', mmap: true },
    policy: { splitPath: 'stepwise' },
    steps: [
      { op: 'allocate', offset: 0, length: '1G' },
      { op: 'convert', offset: '512M', length: '4K', to: 'shared' },
    ],
  });
  if (!p.ok) throw new Error('fixture');
  const states = replayStates(p.scenario)?.states ?? [];
  const [before, after] = [states[1], states[2]].map((s) => {
    if (s === undefined) throw new Error('no state');
    return folioTree(observe(s).folios, G, G);
  });
  if (before === undefined || after === undefined) throw new Error('no tree');
  return { before, after };
}

const all = () => true;

describe('tree motion', () => {
  const { before, after } = splitTrees();

  it('is exactly the next tree at t = 1 and draws every node once', () => {
    const placed = placeNodes(before, after, 1, all);
    expect(placed.every((p) => p.from === 'next' && p.opacity === 1 && p.motion === 'stay')).toBe(true);
    expect(placed).toHaveLength(after.rows.flat().length);
  });

  it('split: the children slide down from the parent row, the old folio fades', () => {
    const mid = placeNodes(before, after, 0.5, all);
    const kids = mid.filter((p) => p.motion === 'split');
    expect(kids.length).toBeGreaterThan(0);
    for (const k of kids) {
      expect(k.depth).toBeGreaterThan(1);
      expect(k.depth).toBeLessThan(k.node.depth);
      expect(k.opacity).toBe(0.5);
    }
    const gone = mid.filter((p) => p.from === 'prev');
    expect(gone.map((p) => [p.node.data.kind, p.node.data.level, p.opacity])).toEqual([['folio', G, 0.5]]);
  });

  it('merge is the split played backwards: children fold up into the parent row', () => {
    const back = placeNodes(after, before, 0.25, all);
    const folding = back.filter((p) => p.motion === 'merge');
    expect(folding.length).toBeGreaterThan(0);
    for (const f of folding) expect(f.depth).toBeLessThan(f.node.depth);
  });
});
