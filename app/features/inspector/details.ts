/** The facts the inspector lists for a selection, read straight from the core's views. */
import {
  PAGE,
  PAGE_MACHINE,
  refsOverlapping,
  classifyPages,
  grouped,
  hex,
  pageStateAt,
  sizeName,
} from '../../../core/index.ts';
import type { GmemState } from '../../../core/index.ts';
import { blockRuns, observation } from '../../store/selectors.ts';
import type { Selection } from '../../store/store.ts';

const within = <T extends { offset: number; length: number }>(list: readonly T[], o: number): T | undefined =>
  list.find((r) => r.offset <= o && o < r.offset + r.length);

/** [label, value] rows for the selected page (and range). */
export function selectionDetails(s: GmemState, sel: Selection): [string, string][] {
  const obs = observation(s);
  const o = sel.start;
  const rows: [string, string][] = [];
  const pages = (sel.end - sel.start) / PAGE;
  rows.push([
    'Selection',
    `${hex(sel.start)}–${hex(sel.end)} (${sizeName(sel.end - sel.start)}, ${grouped(pages)} page${pages === 1 ? '' : 's'})`,
  ]);
  const st = pageStateAt(s, o);
  const def = PAGE_MACHINE.states.find((x) => x.id === st);
  rows.push(['Page state', `${def?.label ?? st} (${st})`]);
  if (pages > 1) {
    const counts = new Map<string, number>();
    for (const r of classifyPages(s, sel.start, sel.end))
      counts.set(r.value, (counts.get(r.value) ?? 0) + (r.end - r.start) / PAGE);
    rows.push(['States in range', [...counts].map(([k, n]) => `${n} ${k}`).join(', ')]);
  }
  rows.push(['Attribute', within(obs.shareability, o)?.state ?? '—']);
  const f = obs.folios.find((r) => r.offset <= o && o < r.offset + r.count * r.size);
  if (f === undefined) rows.push(['Folio', 'none (hole)']);
  else {
    const start = f.offset + Math.floor((o - f.offset) / f.size) * f.size;
    rows.push(['Folio', `${sizeName(f.size)} at ${hex(start)}`]);
    rows.push([
      'Counts',
      `mapcount ${f.mapcount}, pincount ${f.pincount}, transient ${f.transient}, arch ${f.arch}`,
    ]);
    rows.push(['Refcount', String(f.refcount)]);
  }
  const b = blockRuns(s).find((r) => r.start <= o && o < r.end);
  if (b !== undefined) rows.push(['HugeTLB block', `${sizeName(s.config.pageSize)} block: ${b.value}`]);
  rows.push(['VMM mapping', within(obs.vmas, o) === undefined ? 'not mmapped' : 'mmapped (MAP_SHARED)']);
  const pte = within(obs.hostMappings, o);
  rows.push(['Host PTE', pte === undefined ? 'none' : `${sizeName(pte.level)} PTE`]);
  const leaf = within(obs.guestMappings, o);
  rows.push(['Stage-2', leaf === undefined ? 'none' : `${leaf.kind} leaf, ${sizeName(leaf.level)}`]);
  const refs = refsOverlapping(s, o, o + PAGE).filter((r) => r.orphan === null);
  rows.push([
    'Holders',
    refs.length === 0
      ? 'none'
      : refs.map((r) => `${r.holder} (${r.kind}${r.longterm ? ', long-term' : ''})`).join(', '),
  ]);
  rows.push(['Content', within(obs.contents, o)?.content ?? 'not uptodate']);
  if (within(obs.poisoned, o) !== undefined) rows.push(['Poisoned', 'yes']);
  return rows;
}

/** [label, value] rows about the whole file. */
export function fileDetails(s: GmemState): [string, string][] {
  const obs = observation(s);
  const rows: [string, string][] = [
    [
      'File',
      `${sizeName(obs.size)} of ${sizeName(obs.pageSize)} pages, ${obs.open ? 'open' : 'closed'}${obs.evicted ? ', evicted' : ''}`,
    ],
  ];
  // tdxRemovalFailure "bug": a failed S-EPT removal was a KVM_BUG_ON (kvm->vm_dead).
  if (obs.vmDead === true)
    rows.push(['VM', 'dead: KVM_BUG_ON after a failed S-EPT removal; KVM_RUN fails with EIO']);
  if (obs.pool !== undefined)
    rows.push([
      'HugeTLB pool',
      `${obs.pool.inUse} of ${obs.pool.reserved} × ${sizeName(obs.pool.pageSize)} in use, ${obs.pool.vmemmapPages} vmemmap pages`,
    ]);
  if (obs.orphans.length > 0)
    rows.push([
      'Orphans',
      obs.orphans.map((f) => `${f.count} × ${sizeName(f.size)} at ${hex(f.offset)}`).join(', '),
    ]);
  return rows;
}
