/** Words for the race workspace: an actor's op, a page's final state, an invariant's sentence. */
import { INVARIANTS, hex, sizeName, type ActorSpec, type Observation } from '../../../core/index.ts';

/** "convert 0x0 (4K) to private", "pin by odirect, path auto", "guest access 0x0 as shared"… */
export function opText(a: ActorSpec): string {
  const op = a.op as Record<string, unknown> & { op: string; offset: number };
  const at = hex(op.offset);
  const len = typeof op['length'] === 'number' ? ` (${sizeName(op['length'])})` : '';
  switch (op.op) {
    case 'convert':
      return `convert ${at}${len} to ${String(op['to'])}`;
    case 'pin': {
      const foll = op['foll'] === 'get' ? 'FOLL_GET' : 'FOLL_PIN';
      const holder = typeof op['holder'] === 'string' && op['holder'] !== '' ? ` by ${op['holder']}` : '';
      const longterm = op['longterm'] === true ? ', longterm' : '';
      return `GUP ${foll} ${at}${holder}, path ${String(op['path'] ?? 'auto')}${longterm}`;
    }
    case 'hostAccess':
      return `host fault on ${at}`;
    case 'guestAccess':
      return `vCPU fault on ${at}${op['as'] === undefined ? '' : ` as ${String(op['as'])}`}`;
    case 'punchHole':
      return `punch hole ${at}${len}`;
    case 'faultConvert':
      return `fault-path conversion of ${at}`;
    default:
      return `${op.op} ${at}${len}`;
  }
}

/** The page at `offset` in one observation, as the few facts a race changes. */
function pageFacts(o: Observation, offset: number): Record<string, string> {
  const at = <T extends { offset: number; length?: number; size?: number }>(xs: readonly T[]) =>
    xs.find((x) => x.offset <= offset && offset < x.offset + (x.length ?? x.size ?? 0));
  const folio = at(o.folios);
  const s2 = at(o.guestMappings);
  return {
    attribute: at(o.shareability)?.state ?? '?',
    folio: folio === undefined ? 'none' : sizeName(folio.size),
    'host PTE': at(o.hostMappings) === undefined ? 'no' : 'yes',
    'stage-2': s2 === undefined ? 'none' : s2.kind,
    pins: String(folio?.pincount ?? 0),
    refcount: String(folio?.refcount ?? 0),
    orphans: String(o.orphans.length),
  };
}

/** What differs at `offset` between two observations: "attribute shared → private; host PTE yes → no". */
export function pageDiff(start: Observation, end: Observation, offset: number): string {
  const a = pageFacts(start, offset);
  const b = pageFacts(end, offset);
  const changed = Object.keys(b)
    .filter((k) => a[k] !== b[k])
    .map((k) => `${k} ${a[k] ?? ''} → ${b[k] ?? ''}`);
  return changed.length === 0 ? 'unchanged' : changed.join('; ');
}

const RACE_ONLY: Readonly<Record<string, string>> = {
  R1: 'Memory the TDX module still maps after a failed S-EPT removal is never host-mapped, GUP-referenced or freed.',
};

/** Race-mode refinements (races.md §1.6) added to the semantics.md sentence. */
const REFINED: Readonly<Record<string, string>> = {
  '1': ' (1′: committed GUP references count, FOLL_GET included; a speculative GUP-fast grab does not.)',
  '6': ' (6′: every PTE and stage-2 entry maps the folio that is in the page cache now, never an orphan or a freed one.)',
};

/** "invariant 1 (no-host-access-to-private)", "invariant R1 (tdx-held-memory-unused)": a short label. */
export function invariantLabel(id: string): string {
  const inv = INVARIANTS.find((i) => String(i.rule) === id);
  const name = inv?.name ?? (id === 'R1' ? 'tdx-held-memory-unused' : undefined);
  return `invariant ${id}${name === undefined ? '' : ` (${name})`}`;
}

/** "Invariant 1 (no-host-access-to-private): No VMM PTE or GUP pin on a private index." */
export function invariantSentence(id: string): string {
  const inv = INVARIANTS.find((i) => String(i.rule) === id);
  if (inv !== undefined) return `Invariant ${id} (${inv.name}): ${inv.text}${REFINED[id] ?? ''}`;
  return `Invariant ${id}: ${RACE_ONLY[id] ?? ''}`;
}

/** A BigInt count as a decimal string with thousands separators (exact, never rounded). */
export const count = (decimal: string | null | undefined): string =>
  decimal === null || decimal === undefined ? '—' : decimal.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
