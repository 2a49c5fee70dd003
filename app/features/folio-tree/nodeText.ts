/** What a drawn node says: its label (the longest that fits) and its title, in the kernel's words. */
import { grouped, refsOverlapping, hex, plural, sizeName } from '../../../core/index.ts';
import type { GmemState, Observation } from '../../../core/index.ts';
import { holdersIn } from '../mappings/refLanes.ts';
import type { TreeNode } from './treeLayout.ts';

/** About how wide a character of the 12 px labels is. */
export const CHAR_PX = 7.2;

/** 'shared', 'private' or 'shared and private' over [start, end) (binary search over the runs). */
export function attrOf(obs: Observation, start: number, end: number): string {
  const runs = obs.shareability;
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const r = runs[mid];
    if (r !== undefined && r.offset + r.length <= start) lo = mid + 1;
    else hi = mid;
  }
  const seen = new Set<string>();
  for (let i = lo; i < runs.length && seen.size < 2; i++) {
    const r = runs[i];
    if (r === undefined || r.offset >= end) break;
    seen.add(r.state);
  }
  return seen.size === 2 ? 'shared and private' : ([...seen][0] ?? 'private');
}

/** The size of the folios a split node divides into (through depths the memory skipped). */
export function childLevel(n: TreeNode): number | undefined {
  let c = n.children?.[0];
  while (c !== undefined && c.kind === 'via') c = c.children?.[0];
  return c?.level;
}

/**
 * What holds the folio beyond the page cache, in the page states' words (core README, decision
 * 19): TDX's reference wins over a pin, a pin over transient references.
 */
function heldBy(n: TreeNode): string {
  const f = n.folio;
  if (f === undefined) return '';
  if (f.arch > 0) return ', held by TDX';
  if (f.pincount > 0) return ', pinned';
  return f.transient > 0 ? ', referenced' : '';
}

/** Labels from longest to shortest: the renderer takes the first that fits. */
export function nodeLabels(n: TreeNode, attr: string, top: boolean, hugetlb: boolean): string[] {
  const size = sizeName(n.level);
  const many = n.count > 1 ? `${grouped(n.count)} × ` : '';
  // A run is never labelled as if it were one folio: its shortest label still counts.
  const tiny = n.count > 1 ? `${grouped(n.count)}×${size}` : size;
  if (n.kind === 'split') {
    const child = childLevel(n);
    const into = child === undefined ? '' : ` → ${sizeName(child)}`;
    const what = top && hugetlb ? `${size} block` : size;
    return [`${many}${what}, split${into}`, `${many}${size}${into}`, `${many}${size}`, tiny];
  }
  const held = heldBy(n);
  return [
    `${many}${size} folio, ${attr}${held}`,
    `${many}${size} folio, ${attr}`,
    `${many}${size} folio`,
    `${many}${size}`,
    tiny,
  ];
}

/** The node's <title>: "4K folio at 0x201c2000: shared, mapped, 1 pin (vfio), refcount 1026". */
export function nodeTitle(n: TreeNode, s: GmemState, attr: string): string {
  const at = `at ${hex(n.start)}${n.count > 1 ? `–${hex(n.end)}` : ''}`;
  if (n.kind === 'split')
    return `${n.count > 1 ? `${plural(n.count, sizeName(n.level) + ' range')}` : `${sizeName(n.level)} range`} ${at}, split into ${sizeName(childLevel(n) ?? 4096)} folios: ${attr}`;
  const f = n.folio;
  const many = n.count > 1 ? `${grouped(n.count)} × ` : '';
  if (f === undefined) return `${many}${sizeName(n.level)} folio ${at}: ${attr}`;
  const hs = holdersIn(refsOverlapping(s, n.start, n.end), n.start, n.end);
  const who = (kind: string): string => {
    const names = hs.filter((h) => h.kind === kind).map((h) => h.holder);
    return names.length === 0 ? '' : ` (${names.join(', ')})`;
  };
  const parts = [
    attr,
    f.mapcount > 0 ? `mapped (mapcount ${f.mapcount})` : 'not mapped',
    ...(f.pincount > 0 ? [`${plural(f.pincount, 'pin')}${who('pin')}`] : []),
    ...(f.transient > 0 ? [`${plural(f.transient, 'transient ref')}${who('transient')}`] : []),
    ...(f.arch > 0 ? [`${plural(f.arch, 'arch ref')}${who('arch')}`] : []),
    `refcount ${f.refcount}`,
  ];
  return `${many}${sizeName(n.level)} folio ${at}: ${parts.join(', ')}${n.count > 1 ? ' (each)' : ''}`;
}
