import { describe, expect, it } from 'vitest';
import { observe, parseScenario, replayStates } from '../../../core/index.ts';
import type { GmemState } from '../../../core/index.ts';
import { folioTree, nodeAt, treeLevels } from './treeLayout.ts';

const G = 2 ** 30;
const M2 = 2 ** 21;
const K4 = 4096;
const MID = G + 256 * M2 + 0x1c2000;

function stateAfter(
  gmem: Record<string, unknown>,
  steps: Record<string, unknown>[],
  policy: Record<string, unknown> = {},
): GmemState {
  const p = parseScenario({ format: 'folioscope-scenario', version: 1, gmem, policy, steps });
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  const r = replayStates(p.scenario);
  const s = r?.states.at(-1);
  if (s === undefined) throw new Error('creation refused');
  return s;
}

/** A 4K conversion to shared, as a scenario step. */
const share = (offset: number) => ({ op: 'convert', offset, length: '4K', to: 'shared' });

const treeOf = (s: GmemState) => folioTree(observe(s).folios, s.config.size, s.config.pageSize);

describe('folio tree layout from core runs', () => {
  const huge = { size: '2G', pageSize: '1G', mmap: true };
  const shareMid = [
    { op: 'allocate', offset: 0, length: '2G' },
    { op: 'convert', offset: MID, length: '4K', to: 'shared' },
  ];

  it('has one depth per folio size: 1G -> 2M -> 4K for 1G HugeTLB, 4K only for a 4K file', () => {
    expect(treeLevels(G, [])).toEqual([G, M2, K4]);
    expect(treeLevels(M2, [])).toEqual([M2, K4]);
    expect(treeLevels(K4, [])).toEqual([K4]);
  });

  it('stepwise split: the 1G block has 2M children and the split 2M its 4K children', () => {
    const t = treeOf(stateAfter(huge, shareMid, { splitPath: 'stepwise' }));
    const [blocks, twoM, fourK] = t.rows;
    expect(blocks?.map((n) => [n.data.kind, n.data.start, n.data.end])).toEqual([
      ['folio', 0, G],
      ['split', G, 2 * G],
    ]);
    const split2M = nodeAt(twoM ?? [], MID);
    expect(split2M?.data).toMatchObject({ kind: 'split', start: G + 256 * M2, end: G + 257 * M2, count: 1 });
    expect(split2M?.parent?.data.start).toBe(G);
    expect(twoM?.map((n) => [n.data.kind, n.data.count])).toEqual([
      ['folio', 256],
      ['split', 1],
      ['folio', 255],
    ]);
    // Every child lies under its parent's range, and the partition's x is the true offset.
    for (const row of t.rows)
      for (const n of row) {
        expect(n.x0).toBe(n.data.start);
        expect(n.x1).toBe(n.data.end);
        const p = n.parent?.data ?? n.data;
        expect(n.data.start >= p.start && n.data.end <= p.end).toBe(true);
      }
    expect(fourK?.every((n) => n.data.level === K4 && n.parent?.data.kind === 'split')).toBe(true);
    expect(fourK?.reduce((a, n) => a + n.data.count, 0)).toBe(512);
  });

  it('lists each depth in offset order, splits and holes in several blocks included', () => {
    const s = stateAfter(
      { size: '4G', pageSize: '1G', mmap: true },
      [
        { op: 'allocate', offset: 0, length: '4G' },
        share(3 * G + 7 * M2),
        share(5 * M2 + 3 * K4),
        share(3 * G + 2 * M2),
        share(2 * G + 500 * M2),
        { op: 'punchHole', offset: G, length: '1G' },
      ],
      { splitPath: 'stepwise' },
    );
    const t = treeOf(s);
    const root = t.rows[0]?.[0]?.parent;
    if (root === undefined || root === null) throw new Error('no root');
    // The reference: every node of each depth, sorted by offset (holes and skipped depths are not drawn).
    const drawn = root.descendants().filter((n) => n.data.kind !== 'hole' && n.data.kind !== 'via');
    t.levels.forEach((_, i) => {
      const expected = drawn.filter((n) => n.depth === i + 1).toSorted((a, b) => a.x0 - b.x0);
      expect(expected.length).toBeGreaterThan(1);
      expect(t.rows[i]?.length).toBe(expected.length);
      expect(t.rows[i]?.every((n, k) => n === expected[k])).toBe(true);
    });
    expect(t.rows[2]?.map((n) => n.data.start)).toContain(3 * G + 2 * M2);
  });

  it('direct split: the 1G block has 4K children only, one run', () => {
    const t = treeOf(stateAfter(huge, shareMid, { splitPath: 'direct' }));
    // No 2M pieces: the 4K run hangs from the 1G block directly, the 2M depth stays empty there.
    expect(nodeAt(t.rows[1] ?? [], MID)).toBeUndefined();
    const fourK = t.rows[2] ?? [];
    expect(fourK).toHaveLength(1);
    expect(fourK[0]?.parent?.parent?.data).toMatchObject({ kind: 'split', start: G, end: 2 * G });
    expect(fourK.reduce((a, n) => a + n.data.count, 0)).toBe(262_144);
    expect(nodeAt(fourK, MID)?.data.level).toBe(K4);
  });

  it('a 4K file has the file -> 4K folio depth; holes are not drawn', () => {
    const s = stateAfter({ size: '1M', pageSize: '4K', mmap: false }, [
      { op: 'allocate', offset: '8K', length: '16K' },
    ]);
    const t = treeOf(s);
    expect(t.levels).toEqual([K4]);
    expect(t.rows[0]?.map((n) => [n.data.start, n.data.count])).toEqual([[8 * 1024, 4]]);
  });

  it('a partly allocated 2M block: a split unit over holes and 4K folios', () => {
    const s = stateAfter({ size: '4M', pageSize: '2M', mmap: false }, [
      { op: 'convert', offset: '4K', length: '4K', to: 'shared' },
      { op: 'allocate', offset: 0, length: '8K' },
    ]);
    const t = treeOf(s);
    const top = t.rows[0] ?? [];
    expect(top.every((n) => n.x0 === n.data.start)).toBe(true);
    const leaves = t.rows[1] ?? [];
    expect(leaves.every((n) => n.data.level === K4)).toBe(true);
  });
});
