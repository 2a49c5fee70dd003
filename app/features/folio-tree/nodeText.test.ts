import { describe, expect, it } from 'vitest';
import { observe, parseScenario, replayStates } from '../../../core/index.ts';
import { attrOf, nodeLabels, nodeTitle } from './nodeText.ts';
import { folioTree } from './treeLayout.ts';

const MID = 0x601c2000;

describe('what a tree node says', () => {
  const p = parseScenario({
    format: 'folioscope-scenario',
    version: 1,
    gmem: { size: '2G', pageSize: '1G', mmap: true },
    policy: { splitPath: 'stepwise' },
    steps: [
      { op: 'allocate', offset: 0, length: '2G' },
      { op: 'hostMap', offset: 0, length: '2G' },
      { op: 'convert', offset: MID, length: '4K', to: 'shared' },
      { op: 'hostAccess', offset: MID },
      { op: 'pin', offset: MID, length: '4K', holder: 'vfio' },
    ],
  });
  if (!p.ok) throw new Error('fixture');
  const s = replayStates(p.scenario)?.states.at(-1);
  if (s === undefined) throw new Error('no state');
  const obs = observe(s);
  const tree = folioTree(obs.folios, s.config.size, s.config.pageSize);
  const find = (level: number, at: number) =>
    tree.rows.flat().find((n) => n.data.level === level && n.data.start <= at && at < n.data.end)?.data;

  it('titles a held 4K folio in the kernel words: state, mapping, pins with holders, refcount', () => {
    const n = find(4096, MID);
    if (n === undefined) throw new Error('no 4K node');
    expect(nodeTitle(n, s, attrOf(obs, n.start, n.end))).toBe(
      '4K folio at 0x601c2000: shared, mapped (mapcount 1), 1 pin (vfio), refcount 1026',
    );
  });

  it('labels a run with its count and state, longest first', () => {
    const n = find(2 ** 21, 2 ** 30);
    if (n === undefined) throw new Error('no 2M run');
    expect(nodeLabels(n, attrOf(obs, n.start, n.end), false, true)[0]).toBe('256 × 2M folio, private');
    expect(nodeLabels(n, 'private', false, true).at(-1)).toBe('256×2M');
  });

  it('labels a held folio by what holds it, in the page states’ words', () => {
    const n = find(4096, MID);
    if (n === undefined || n.folio === undefined) throw new Error('no 4K node');
    const folio = n.folio;
    const label = (f: Partial<typeof folio>) =>
      nodeLabels(
        { ...n, folio: { ...folio, pincount: 0, transient: 0, arch: 0, ...f } },
        'shared',
        false,
        true,
      )[0];
    expect(nodeLabels(n, 'shared', false, true)[0]).toBe('4K folio, shared, pinned');
    expect(label({ transient: 1 })).toBe('4K folio, shared, referenced');
    expect(label({ transient: 1, pincount: 1 })).toBe('4K folio, shared, pinned');
    expect(label({ arch: 1, pincount: 1 })).toBe('4K folio, shared, held by TDX');
    expect(label({})).toBe('4K folio, shared');
  });
});
