/** The vertical layout of the file view: one row per structure, lanes under the tree. */
export interface Row {
  readonly id: 'axis' | 'blocks' | 'folios' | 'pages' | 'vma' | 'ptes' | 'stage2' | 'refs' | 'orphans';
  readonly label: string;
  readonly y: number;
  readonly h: number;
}

const GAP = 4;

export function layoutRows(
  hugetlb: boolean,
  refLanes: number,
  orphanLanes = 0,
): { rows: Row[]; height: number } {
  const spec: [Row['id'], string, number][] = [
    ['axis', 'offset', 18],
    ...(hugetlb ? ([['blocks', 'HugeTLB blocks', 20]] as [Row['id'], string, number][]) : []),
    ['folios', 'folios', 60],
    ['pages', '4K pages', 24],
    ['vma', 'VMM mmap', 12],
    ['ptes', 'host PTEs', 16],
    ['stage2', 'stage-2', 22],
    ['refs', 'pins / refs', 16 * Math.max(1, refLanes)],
    ['orphans', 'orphans', 18 * Math.max(1, orphanLanes)],
  ];
  const rows: Row[] = [];
  let y = 0;
  for (const [id, label, h] of spec) {
    rows.push({ id, label, y, h });
    y += h + GAP;
  }
  return { rows, height: y };
}

export const rowOf = (rows: readonly Row[], id: Row['id']): Row | undefined => rows.find((r) => r.id === id);
