/**
 * A deliberately naive reference model of guest_memfd: the test oracle of the core.
 *
 * Every 4K page of the file has its own slot in flat arrays (attribute, folio size, PTE,
 * stage-2 kind and level, poison, content, pending S-EPT removal failure), every reference
 * is one record per page, and every operation is written page by page, straight from
 * shared/spec/semantics.md and the modelling decisions the core documents in core/ops.
 * It shares no logic with the core (only its types) and builds its own Observation from the
 * per-page arrays, run-length encoding them at the end. It is slow on purpose (O(file pages)
 * per step): it only has to be obviously right.
 */
import type { Attr, GmemConfig, Op, OpOf } from '../types.ts';
import type { FolioRun, Observation } from '../observe.ts';

const PAGE = 4096;
const SIZE_2M = 2 * 1024 * 1024;
const SIZE_1G = 1024 * 1024 * 1024;
/** Leaf and folio sizes, largest first. */
const LEVELS = [SIZE_1G, SIZE_2M, PAGE] as const;
const CONTENTS = ['zero', 'host', 'guest', 'ciphertext'] as const;
type ContentName = (typeof CONTENTS)[number];
const NONE = -1;
const PRIVATE = 0;
const SHARED = 1;
/** The oracle refuses to model VMAs reaching further than this (pages): it is a test tool. */
const MAX_VMA_PAGES = 1 << 24;

/** The answer of one operation: ok, or the errno (and exit reason) of the refusal. */
export interface NaiveResult {
  readonly ok: boolean;
  readonly errno?: string;
  readonly exit?: string;
}

/** One reference on one page: a pin of n pages is n units. */
interface Unit {
  readonly seq: number;
  readonly kind: 'pin' | 'transient' | 'arch';
  readonly holder: string;
  readonly page: number;
  /** null: on the file's folio at `page`; else the id of the orphan holding that page. */
  readonly orphan: number | null;
}

interface NaiveOrphan {
  readonly id: number;
  readonly startPage: number;
  readonly endPage: number;
  /** First page of each kept folio -> its size in bytes. */
  readonly folios: ReadonlyMap<number, number>;
  readonly hugetlb: boolean;
}

interface Pages {
  open: boolean;
  evicted: boolean;
  /** KVM_BUG_ON fired: the VM is dead. */
  vmDead: boolean;
  /** 1 = shared, 0 = private. */
  attr: Int32Array;
  /** Size in bytes of the folio covering the page, 0 = hole. */
  folio: Int32Array;
  pte: Int32Array;
  /** VMAs may reach past EOF: this array grows on demand. */
  vma: Int32Array;
  s2kind: Int32Array;
  s2level: Int32Array;
  poisoned: Int32Array;
  /** Index into CONTENTS, or NONE when not uptodate. */
  content: Int32Array;
  removalFailure: Int32Array;
  units: Unit[];
  orphans: NaiveOrphan[];
  seq: number;
  orphanId: number;
}

function clonePages(p: Pages): Pages {
  return {
    open: p.open,
    evicted: p.evicted,
    vmDead: p.vmDead,
    attr: p.attr.slice(),
    folio: p.folio.slice(),
    pte: p.pte.slice(),
    vma: p.vma.slice(),
    s2kind: p.s2kind.slice(),
    s2level: p.s2level.slice(),
    poisoned: p.poisoned.slice(),
    content: p.content.slice(),
    removalFailure: p.removalFailure.slice(),
    units: [...p.units],
    orphans: [...p.orphans],
    seq: p.seq,
    orphanId: p.orphanId,
  };
}

/**
 * Thrown inside an operation to refuse it; the operation's snapshot is then restored, unless
 * `keep`: the kernel refused after doing part of the work, and that part stays done.
 */
class Refused extends Error {
  constructor(
    readonly errno: string,
    readonly exit?: string,
    readonly keep = false,
  ) {
    super(errno);
  }
}

const get = (a: Int32Array, i: number): number => a[i] ?? 0;
const downTo = (x: number, a: number): number => x - (x % a);
const upTo = (x: number, a: number): number => (x % a === 0 ? x : x + a - (x % a));
/** Largest stage-2 leaf: 1G on sw_protected, 2M on snp (RMP), tdx (S-EPT) and pkvm (PMD blocks). */
const archCap = (c: GmemConfig): number => (c.vmType === 'sw_protected' ? SIZE_1G : SIZE_2M);
/** Whether unmapping a range demotes the leaves crossing its edges first (TDX; x86 with crossBoundary split). */
const demotesAtEdges = (c: GmemConfig): boolean =>
  c.vmType === 'tdx' || (c.vmType !== 'pkvm' && c.policy.crossBoundary === 'split');

function creationErrno(c: GmemConfig): string | undefined {
  if (c.size <= 0 || c.size % PAGE !== 0) return 'EINVAL';
  if (c.policy.mainline && c.pageSize !== PAGE) return 'EINVAL';
  if (c.size % c.pageSize !== 0) return 'EINVAL';
  if (c.initShared && !c.mmap) return 'EINVAL';
  if (c.initShared && c.policy.mainline && c.vmType !== 'pkvm') return 'EINVAL';
  if (c.pageSize !== PAGE && c.policy.hostHugePages !== null && c.policy.hostHugePages < c.size / c.pageSize)
    return 'ENOMEM';
  return undefined;
}

/**
 * KVM_CREATE_GUEST_MEMFD in the naive model: the model, or the errno of the refusal.
 * @example naiveCreate(config).model?.observe()
 */
export function naiveCreate(config: GmemConfig): { ok: boolean; errno?: string; model: NaiveGmem | null } {
  const errno = creationErrno(config);
  if (errno !== undefined) return { ok: false, errno, model: null };
  return { ok: true, model: new NaiveGmem(config) };
}

/** The per-page reference model of one guest_memfd file. */
export class NaiveGmem {
  readonly config: GmemConfig;
  /** Pages in the file. */
  readonly n: number;
  /** Pages per HugeTLB block (1 on a 4K file). */
  readonly bp: number;
  private p: Pages;

  constructor(config: GmemConfig) {
    this.config = config;
    this.n = config.size / PAGE;
    this.bp = config.pageSize / PAGE;
    const n = this.n;
    const content = new Int32Array(n).fill(NONE);
    this.p = {
      open: true,
      evicted: false,
      vmDead: false,
      attr: new Int32Array(n).fill(config.initShared ? 1 : 0),
      folio: new Int32Array(n),
      pte: new Int32Array(n),
      vma: new Int32Array(n),
      s2kind: new Int32Array(n).fill(NONE),
      s2level: new Int32Array(n),
      poisoned: new Int32Array(n),
      content,
      removalFailure: new Int32Array(n),
      units: [],
      orphans: [],
      seq: 1,
      orphanId: 1,
    };
  }

  private get hugetlb(): boolean {
    return this.config.pageSize > PAGE;
  }

  // ---------------------------------------------------------------- page-level helpers

  private any(
    a: Int32Array,
    from: number,
    to: number,
    pred: (v: number) => boolean = (v) => v !== 0,
  ): boolean {
    for (let i = Math.max(0, from); i < to; i++) if (pred(get(a, i))) return true;
    return false;
  }

  private all(a: Int32Array, from: number, to: number, pred: (v: number) => boolean): boolean {
    return !this.any(a, from, to, (v) => !pred(v));
  }

  private set(a: Int32Array, from: number, to: number, v: number): void {
    for (let i = Math.max(0, from); i < Math.min(to, a.length); i++) a[i] = v;
  }

  /** The folio covering page i: [start, end) in pages and its size in bytes. */
  private folioAt(i: number): { start: number; end: number; size: number } | undefined {
    if (i < 0 || i >= this.n) return undefined;
    const size = get(this.p.folio, i);
    if (size === 0) return undefined;
    const start = downTo(i, size / PAGE);
    return { start, end: start + size / PAGE, size };
  }

  /** Every folio overlapping pages [a, b), in order. */
  private foliosIn(a: number, b: number): { start: number; end: number; size: number }[] {
    const out: { start: number; end: number; size: number }[] = [];
    for (let i = Math.max(0, a); i < Math.min(b, this.n);) {
      const f = this.folioAt(i);
      if (f === undefined) {
        i++;
        continue;
      }
      out.push(f);
      i = f.end;
    }
    return out;
  }

  /** [a, b) in pages widened to whole HugeTLB blocks, clipped to the file. */
  private widenToBlocks(a: number, b: number): [number, number] {
    return [downTo(a, this.bp), Math.min(this.n, upTo(b, this.bp))];
  }

  private fileUnitsIn(a: number, b: number): Unit[] {
    return this.p.units.filter((u) => u.orphan === null && u.page >= a && u.page < b);
  }

  /** Safe = only the page cache holds the folio: no pin, transient or arch reference. */
  private folioSafe(f: { start: number; end: number }): boolean {
    return this.fileUnitsIn(f.start, f.end).length === 0;
  }

  private addUnit(kind: Unit['kind'], holder: string, page: number): void {
    this.p.units.push({ seq: this.p.seq++, kind, holder, page, orphan: null });
  }

  private needOpen(): void {
    if (!this.p.open) throw new Refused('EBADF');
  }

  private needAligned(offset: number, length?: number): void {
    if (offset % PAGE !== 0) throw new Refused('EINVAL');
    if (length === undefined) return;
    if (length === 0 || length % PAGE !== 0) throw new Refused('EINVAL');
  }

  private needInFile(offset: number, length = PAGE): void {
    if (offset + length > this.config.size) throw new Refused('EINVAL');
  }

  // ---------------------------------------------------------------- folios and the pool

  private blocksInUse(): number {
    let n = 0;
    for (let b = 0; b < this.n; b += this.bp) if (this.any(this.p.folio, b, b + this.bp)) n++;
    return n;
  }

  private poolInUse(): number {
    return this.blocksInUse() + this.p.orphans.filter((o) => o.hugetlb).length;
  }

  private poolReserved(): number {
    return this.p.evicted ? this.poolInUse() : this.config.size / this.config.pageSize;
  }

  /** Allocates the holes of [a, b) (block-aligned on HugeTLB): whole blocks, split for shared indices. */
  private allocate(a: number, b: number): void {
    if (!this.hugetlb) {
      for (let i = a; i < b; i++) if (get(this.p.folio, i) === 0) this.p.folio[i] = PAGE;
      return;
    }
    const blocks: number[] = [];
    for (let blk = downTo(a, this.bp); blk < b; blk += this.bp)
      if (this.any(this.p.folio, blk, blk + this.bp, (v) => v === 0)) blocks.push(blk);
    if (blocks.length === 0) return;
    if (this.poolInUse() + blocks.length > this.poolReserved()) throw new Refused('ENOMEM');
    for (const blk of blocks) {
      this.set(this.p.folio, blk, blk + this.bp, this.config.pageSize);
      this.splitForShared(blk, blk + this.bp);
    }
  }

  /** Splits every large folio of [a, b) holding a shared index: to 4K, or one level at a time. */
  private splitForShared(a: number, b: number): void {
    const stepwise = this.config.policy.splitPath === 'stepwise';
    for (const f of this.foliosIn(a, b)) {
      if (f.size === PAGE || !this.any(this.p.attr, f.start, f.end, (v) => v === SHARED)) continue;
      const to = stepwise ? (f.size === SIZE_1G ? SIZE_2M : PAGE) : PAGE;
      this.splitFolio(f, to);
      if (to > PAGE) this.splitForShared(f.start, f.end);
    }
  }

  private splitFolio(f: { start: number; end: number }, to: number): void {
    if (this.config.policy.leavesOnSplit === 'demote') this.demote(f.start, f.end, to);
    this.set(this.p.folio, f.start, f.end, to);
  }

  /** Whether pages [x, x + pages) can form one folio: all present, private, unmapped, unreferenced. */
  private canMerge(x: number, pages: number): boolean {
    const end = x + pages;
    return (
      this.all(this.p.folio, x, end, (v) => v !== 0) &&
      this.all(this.p.attr, x, end, (v) => v === PRIVATE) &&
      !this.any(this.p.pte, x, end) &&
      this.fileUnitsIn(x, end).length === 0
    );
  }

  /** The block merges the policy allows after [a, b) (block-aligned) became private or lost a reference. */
  private autoMerge(a: number, b: number): void {
    const pol = this.config.policy;
    if (!this.hugetlb || pol.mergeWhen === 'never') return;
    for (let blk = downTo(a, this.bp); blk < b; blk += this.bp) {
      const f = this.folioAt(blk);
      if (f === undefined || f.size === this.config.pageSize) continue;
      if (this.canMerge(blk, this.bp)) {
        this.set(this.p.folio, blk, blk + this.bp, this.config.pageSize);
        continue;
      }
      if (pol.splitPath !== 'stepwise' || this.config.pageSize !== SIZE_1G) continue;
      const sub = SIZE_2M / PAGE;
      for (let x = blk; x < blk + this.bp; x += sub) {
        const g = this.folioAt(x);
        if (g !== undefined && g.size < SIZE_2M && this.canMerge(x, sub))
          this.set(this.p.folio, x, x + sub, SIZE_2M);
      }
    }
  }

  /** Pages [start, end) not uptodate are zeroed by their first user. */
  private zeroIfNotUptodate(start: number, end: number): void {
    for (let i = start; i < end; i++) if (get(this.p.content, i) === NONE) this.p.content[i] = 0;
  }

  /**
   * Whole folios of [a, b) leave the file. If any reference holds one, the referenced folios
   * become one orphan (with their references); contents, poison and pending removal failures
   * of the whole range go with the memory.
   */
  private truncate(a: number, b: number): void {
    if (!this.any(this.p.folio, a, b)) return;
    const held = this.fileUnitsIn(a, b);
    if (held.length > 0) {
      const id = this.p.orphanId++;
      const kept = new Map<number, number>();
      for (const f of this.foliosIn(a, b))
        if (held.some((u) => u.page >= f.start && u.page < f.end)) kept.set(f.start, f.size);
      this.p.units = this.p.units.map((u) =>
        u.orphan === null && u.page >= a && u.page < b ? { ...u, orphan: id } : u,
      );
      this.p.orphans.push({ id, startPage: a, endPage: b, folios: kept, hugetlb: this.hugetlb });
    }
    this.set(this.p.folio, a, b, 0);
    this.set(this.p.content, a, b, NONE);
    this.set(this.p.poisoned, a, b, 0);
    this.set(this.p.removalFailure, a, b, 0);
  }

  private freeDeadOrphans(): void {
    this.p.orphans = this.p.orphans.filter((o) => this.p.units.some((u) => u.orphan === o.id));
  }

  private released(): boolean {
    return !this.p.open && !this.any(this.p.vma, 0, this.p.vma.length);
  }

  /**
   * The file goes at its last reference (fd closed and no VMA left): every stage-2 leaf is
   * zapped, then the inode goes and every folio leaves it.
   */
  private maybeEvict(): void {
    if (!this.released() || this.p.evicted) return;
    this.zapStage2(0, this.n);
    if (this.hugetlb) {
      for (let blk = 0; blk < this.n; blk += this.bp)
        if (this.any(this.p.folio, blk, blk + this.bp)) this.truncate(blk, blk + this.bp);
    } else this.truncate(0, this.n);
    this.p.evicted = true;
  }

  /** Takes one reference of kind/holder off every page of [a, b), the oldest first; false if one lacks it. */
  private takeUnits(kind: Unit['kind'], holder: string, a: number, b: number): boolean {
    const drop = new Set<Unit>();
    for (let page = a; page < b; page++) {
      let oldest: Unit | undefined;
      for (const u of this.p.units)
        if (
          u.kind === kind &&
          u.holder === holder &&
          u.page === page &&
          (oldest === undefined || u.seq < oldest.seq)
        )
          oldest = u;
      if (oldest === undefined) return false;
      drop.add(oldest);
    }
    this.p.units = this.p.units.filter((u) => !drop.has(u));
    return true;
  }

  private afterRelease(a: number, b: number): void {
    this.freeDeadOrphans();
    if (this.config.policy.mergeWhen !== 'lastRef') return;
    const [x, y] = this.widenToBlocks(a, b);
    this.autoMerge(x, y);
  }

  // ---------------------------------------------------------------- stage-2

  /** The leaf covering page i: [start, end) in pages. */
  private leafAt(i: number): { start: number; end: number; kind: number; level: number } | undefined {
    const kind = get(this.p.s2kind, i);
    if (kind === NONE) return undefined;
    const level = get(this.p.s2level, i);
    const start = downTo(i, level / PAGE);
    return { start, end: start + level / PAGE, kind, level };
  }

  /** Leaves larger than max that touch pages [a, b) become leaves of max. */
  private demote(a: number, b: number, max: number): void {
    for (let i = Math.max(0, a); i < Math.min(b, this.n); i++) {
      const leaf = this.leafAt(i);
      if (leaf !== undefined && leaf.level > max) this.set(this.p.s2level, leaf.start, leaf.end, max);
    }
  }

  /**
   * Zaps every leaf (of one kind, if given) touching pages [a, b); on TDX a private leaf over
   * a page whose removal was made to fail leaves TDX a reference. Returns the zapped pages.
   */
  private zapStage2(a: number, b: number, kind?: number): Set<number> {
    const zapped = new Set<number>();
    for (let i = Math.max(0, a); i < Math.min(b, this.n); i++) {
      const leaf = this.leafAt(i);
      if (leaf === undefined || (kind !== undefined && leaf.kind !== kind)) continue;
      for (let j = leaf.start; j < leaf.end; j++) {
        zapped.add(j);
        this.p.s2kind[j] = NONE;
        this.p.s2level[j] = 0;
        if (leaf.kind === PRIVATE && this.config.vmType === 'tdx' && get(this.p.removalFailure, j) !== 0) {
          // "ref": TDX keeps a reference; "bug": KVM_BUG_ON, the VM is dead, no reference.
          if (this.config.policy.tdxRemovalFailure === 'bug') this.p.vmDead = true;
          else this.addUnit('arch', 'tdx', j);
          this.p.removalFailure[j] = 0;
        }
      }
    }
    return zapped;
  }

  /**
   * Largest leaf for a fault at page i: inside the folio, uniform attribute, no poison, arch
   * cap; a TDX private fault never covers leaves already there (no promotion).
   */
  private mappingLevel(i: number, kind: number): number {
    const cap = Math.min(archCap(this.config), this.folioAt(i)?.size ?? PAGE);
    for (const level of LEVELS) {
      if (level > cap) continue;
      const base = downTo(i, level / PAGE);
      const end = base + level / PAGE;
      if (end > this.n) continue;
      if (!this.all(this.p.attr, base, end, (v) => v === kind)) continue;
      if (this.any(this.p.poisoned, base, end)) continue;
      if (this.config.vmType === 'tdx' && kind === PRIVATE && level > PAGE)
        if (this.any(this.p.s2kind, base, end, (v) => v !== NONE)) continue;
      return level;
    }
    return PAGE;
  }

  /**
   * Unmaps pages [a, b) from stage-2 for a conversion to shared or a punch hole: demote the
   * leaves crossing a or b first where the MMU does (one level at a time: the leaf crossing x
   * goes 1G -> 2M, then the 2M leaf crossing x -> 4K, down to the largest level aligned with
   * x), then zap every leaf touching [a, b).
   */
  private unmapRange(a: number, b: number, kind?: number): Set<number> {
    if (demotesAtEdges(this.config))
      for (const x of [a, b]) {
        const aligned = LEVELS.find((l) => (x * PAGE) % l === 0) ?? PAGE;
        for (const level of [SIZE_2M, PAGE]) if (level >= aligned) this.demote(x - 1, x + 1, level);
      }
    return this.zapStage2(a, b, kind);
  }

  private mapStage2(i: number, kind: number): void {
    const level = this.mappingLevel(i, kind);
    const base = downTo(i, level / PAGE);
    this.set(this.p.s2kind, base, base + level / PAGE, kind);
    this.set(this.p.s2level, base, base + level / PAGE, level);
  }

  // ---------------------------------------------------------------- operations

  /**
   * Applies one operation: ok, or the refusal's errno with the model left exactly as it was.
   * @example model.apply({ op: 'allocate', offset: 0, length: 4096 })
   */
  apply(op: Op): NaiveResult {
    const before = clonePages(this.p);
    try {
      this.dispatch(op);
      return { ok: true };
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
      if (!e.keep) this.p = before;
      return e.exit === undefined
        ? { ok: false, errno: e.errno }
        : { ok: false, errno: e.errno, exit: e.exit };
    }
  }

  private dispatch(op: Op): void {
    switch (op.op) {
      case 'allocate':
        return this.opAllocate(op);
      case 'punchHole':
        return this.opPunchHole(op);
      case 'convert':
        return this.opConvert(op);
      case 'guestAccess':
        return this.opGuestAccess(op);
      case 'hostMap':
        return this.opHostMap(op);
      case 'hostUnmap':
        return this.opHostUnmap(op);
      case 'hostAccess':
        return this.opHostAccess(op);
      case 'madviseDontneed':
        return this.opMadvise(op);
      case 'pin':
        return this.opPin(op);
      case 'unpin':
        return this.opUnpin(op);
      case 'getRef':
        return this.opGetRef(op);
      case 'putRef':
        return this.opPutRef(op);
      case 'split':
        return this.opSplit(op);
      case 'merge':
        return this.opMerge(op);
      case 'memoryFailure':
        return this.opMemoryFailure(op);
      case 'injectRemovalFailure':
        return this.opInject(op);
      case 'close':
        return this.opClose();
    }
  }

  private opAllocate(op: OpOf<'allocate'>): void {
    this.needOpen();
    this.needAligned(op.offset, op.length);
    this.needInFile(op.offset, op.length);
    const [a, b] = this.widenToBlocks(op.offset / PAGE, (op.offset + op.length) / PAGE);
    this.allocate(a, b);
  }

  private opPunchHole(op: OpOf<'punchHole'>): void {
    this.needOpen();
    this.needAligned(op.offset, op.length);
    const start = op.offset / PAGE;
    const end = Math.min(op.offset + op.length, this.config.size) / PAGE;
    if (end <= start) return;
    const bp = this.bp;
    const wholeA = upTo(start, bp);
    const wholeB = Math.max(wholeA, downTo(end, bp));
    if (this.hugetlb && this.config.policy.partialPunch === 'refuse' && (start % bp !== 0 || end % bp !== 0))
      throw new Refused('EINVAL');
    // A whole split block must merge before truncation: none of its folios may be referenced.
    const splitBlocks: number[] = [];
    if (this.hugetlb)
      for (let blk = wholeA; blk < wholeB; blk += bp) {
        const f = this.folioAt(blk);
        if (f !== undefined && f.size < this.config.pageSize) splitBlocks.push(blk);
      }
    for (const blk of splitBlocks)
      if (!this.folioSafe({ start: blk, end: blk + bp })) throw new Refused('EAGAIN');
    this.unmapRange(start, end);
    this.set(this.p.pte, start, end, 0);
    for (const blk of splitBlocks)
      if (this.canMerge(blk, bp)) this.set(this.p.folio, blk, blk + bp, this.config.pageSize);
    if (wholeA < wholeB) {
      if (this.hugetlb) {
        for (let blk = wholeA; blk < wholeB; blk += bp)
          if (this.folioAt(blk) !== undefined) this.truncate(blk, blk + bp);
      } else this.truncate(wholeA, wholeB);
    }
    // The partly covered part of a block is zeroed in place.
    for (let i = start; i < end; i++)
      if ((i < wholeA || i >= wholeB) && get(this.p.content, i) !== NONE) this.p.content[i] = 0;
  }

  private opConvert(op: OpOf<'convert'>): void {
    this.needOpen();
    this.needAligned(op.offset, op.length);
    this.needInFile(op.offset, op.length);
    const a = op.offset / PAGE;
    const b = (op.offset + op.length) / PAGE;
    const to = op.to === 'shared' ? SHARED : PRIVATE;
    if (this.all(this.p.attr, a, b, (v) => v === to)) return;
    if (to === SHARED) this.toShared(a, b);
    else this.toPrivate(a, b);
  }

  private toShared(a: number, b: number): void {
    const pol = this.config.policy;
    // Splitting a huge folio freezes its refcount: a referenced one answers EAGAIN.
    for (const f of this.foliosIn(a, b)) {
      if (f.size === PAGE || !this.any(this.p.attr, f.start, f.end, (v) => v === PRIVATE)) continue;
      if (!this.folioSafe(f)) throw new Refused('EAGAIN');
    }
    const zapped = pol.unsafeSkipZap ? new Set<number>() : this.unmapRange(a, b, PRIVATE);
    const vm = this.config.vmType;
    for (let i = a; i < b; i++) {
      const c = get(this.p.content, i);
      if (vm === 'tdx' && zapped.has(i) && c !== NONE) this.p.content[i] = 0;
      if (vm === 'snp' && c === CONTENTS.indexOf('guest')) this.p.content[i] = CONTENTS.indexOf('ciphertext');
    }
    this.set(this.p.attr, a, b, SHARED);
    const [x, y] = this.widenToBlocks(a, b);
    this.splitForShared(x, y);
  }

  private toPrivate(a: number, b: number): void {
    const pol = this.config.policy;
    if (pol.hostUnmap === 'require' && this.any(this.p.pte, a, b)) throw new Refused('EAGAIN');
    this.set(this.p.pte, a, b, 0);
    // Every folio overlapping the range must be safe (kvm_gmem_is_safe_for_conversion); the
    // VMM's PTEs zapped just before stay zapped on EAGAIN.
    const unsafe = this.foliosIn(a, b).some((f) => !this.folioSafe(f));
    if (unsafe && !pol.unsafeSkipRefCheck) throw new Refused('EAGAIN', undefined, true);
    if (!pol.unsafeSkipZap) this.zapStage2(a, b, SHARED);
    // What the guest reads where the range was shared: TDX accept zeroes, SNP sees ciphertext.
    const vm = this.config.vmType;
    for (let i = a; i < b; i++) {
      if (get(this.p.attr, i) !== SHARED || get(this.p.content, i) === NONE) continue;
      if (vm === 'tdx') this.p.content[i] = CONTENTS.indexOf('zero');
      if (vm === 'snp') this.p.content[i] = CONTENTS.indexOf('ciphertext');
    }
    this.set(this.p.attr, a, b, PRIVATE);
    if (pol.mergeWhen !== 'never') {
      const [x, y] = this.widenToBlocks(a, b);
      this.autoMerge(x, y);
    }
  }

  private opGuestAccess(op: OpOf<'guestAccess'>): void {
    if (this.p.vmDead) throw new Refused('EIO');
    if (this.released()) throw new Refused('EFAULT');
    this.needAligned(op.offset);
    this.needInFile(op.offset);
    const i = op.offset / PAGE;
    const attr = get(this.p.attr, i);
    const as = op.as === undefined ? attr : op.as === 'shared' ? SHARED : PRIVATE;
    if (as !== attr) throw new Refused('EFAULT', 'KVM_EXIT_MEMORY_FAULT');
    const f = this.folioAt(i);
    if (f !== undefined && this.any(this.p.poisoned, f.start, f.end)) throw new Refused('EHWPOISON');
    if (this.leafAt(i) === undefined) {
      const [x, y] = this.widenToBlocks(i, i + 1);
      this.allocate(x, y);
      const g = this.folioAt(i);
      if (g !== undefined) this.zeroIfNotUptodate(g.start, g.end);
      this.mapStage2(i, attr);
    }
    if (op.write === true) this.p.content[i] = CONTENTS.indexOf('guest');
  }

  private growVmas(end: number): void {
    if (end <= this.p.vma.length) return;
    if (end > MAX_VMA_PAGES)
      throw new Error(`naive model: a VMA up to page ${end} is beyond what the oracle models`);
    const v = new Int32Array(end);
    v.set(this.p.vma);
    this.p.vma = v;
  }

  private opHostMap(op: OpOf<'hostMap'>): void {
    this.needOpen();
    if (!this.config.mmap) throw new Refused('ENODEV');
    this.needAligned(op.offset, op.length);
    const a = op.offset / PAGE;
    const b = a + op.length / PAGE;
    this.growVmas(b);
    this.set(this.p.vma, a, b, 1);
  }

  private opHostUnmap(op: OpOf<'hostUnmap'>): void {
    this.needAligned(op.offset, op.length);
    const a = op.offset / PAGE;
    const b = a + op.length / PAGE;
    this.set(this.p.pte, a, b, 0);
    this.set(this.p.vma, a, b, 0);
    this.maybeEvict();
  }

  private opHostAccess(op: OpOf<'hostAccess'>): void {
    this.needAligned(op.offset);
    const i = op.offset / PAGE;
    if (get(this.p.vma, i) === 0) throw new Refused('SIGSEGV');
    if (i >= this.n) throw new Refused('SIGBUS');
    if (get(this.p.attr, i) === PRIVATE) throw new Refused('SIGBUS');
    const f = this.folioAt(i);
    if (f !== undefined && this.any(this.p.poisoned, f.start, f.end)) throw new Refused('SIGBUS');
    if (get(this.p.pte, i) === 0) {
      const [x, y] = this.widenToBlocks(i, i + 1);
      this.allocate(x, y);
      const g = this.folioAt(i);
      if (g !== undefined) this.zeroIfNotUptodate(g.start, g.end);
      this.p.pte[i] = 1;
    }
    if (op.write === true) this.p.content[i] = CONTENTS.indexOf('host');
  }

  private opMadvise(op: OpOf<'madviseDontneed'>): void {
    // do_madvise answers 0 for an empty range (core README decision 22).
    if (op.length === 0 && op.offset % PAGE === 0) return;
    this.needAligned(op.offset, op.length);
    const a = op.offset / PAGE;
    const b = a + op.length / PAGE;
    // Every VMA in the range is zapped, then a gap answers ENOMEM: the zap stays done.
    this.set(this.p.pte, a, b, 0);
    for (let i = a; i < b; i++) if (get(this.p.vma, i) === 0) throw new Refused('ENOMEM', undefined, true);
  }

  private opPin(op: OpOf<'pin'>): void {
    this.needAligned(op.offset, op.length);
    const a = op.offset / PAGE;
    const b = a + op.length / PAGE;
    for (let i = a; i < b; i++) if (get(this.p.vma, i) === 0) throw new Refused('EFAULT');
    if (b > this.n) throw new Refused('EFAULT');
    if (this.any(this.p.attr, a, b, (v) => v === PRIVATE)) throw new Refused('EFAULT');
    if (this.any(this.p.poisoned, a, b)) throw new Refused('EFAULT');
    const [x, y] = this.widenToBlocks(a, b);
    this.allocate(x, y);
    if (!this.all(this.p.pte, a, b, (v) => v !== 0)) {
      this.zeroIfNotUptodate(a, b);
      this.set(this.p.pte, a, b, 1);
    }
    // One record for the whole pin: its pages share one age.
    const seq = this.p.seq++;
    for (let i = a; i < b; i++)
      this.p.units.push({ seq, kind: 'pin', holder: op.holder ?? 'gup', page: i, orphan: null });
  }

  private opUnpin(op: OpOf<'unpin'>): void {
    this.needAligned(op.offset, op.length);
    const a = op.offset / PAGE;
    const b = a + op.length / PAGE;
    if (!this.takeUnits('pin', op.holder ?? 'gup', a, b)) throw new Refused('EINVAL');
    this.afterRelease(a, b);
  }

  private opGetRef(op: OpOf<'getRef'>): void {
    this.needAligned(op.offset);
    this.needInFile(op.offset);
    const i = op.offset / PAGE;
    if (this.folioAt(i) === undefined) throw new Refused('ENOENT');
    this.addUnit('transient', op.holder ?? 'transient', i);
  }

  private opPutRef(op: OpOf<'putRef'>): void {
    this.needAligned(op.offset);
    const i = op.offset / PAGE;
    if (!this.takeUnits('transient', op.holder ?? 'transient', i, i + 1)) throw new Refused('EINVAL');
    this.afterRelease(i, i + 1);
  }

  private opSplit(op: OpOf<'split'>): void {
    this.needOpen();
    this.needAligned(op.offset);
    this.needInFile(op.offset);
    const f = this.folioAt(op.offset / PAGE);
    if (f === undefined || op.to >= f.size) throw new Refused('EINVAL');
    if (!this.folioSafe(f)) throw new Refused('EAGAIN');
    this.splitFolio(f, op.to);
  }

  private opMerge(op: OpOf<'merge'>): void {
    this.needOpen();
    if (op.offset % op.size !== 0) throw new Refused('EINVAL');
    this.needInFile(op.offset, op.size);
    if (op.size > this.config.pageSize) throw new Refused('EINVAL');
    const x = op.offset / PAGE;
    if ((this.folioAt(x)?.size ?? 0) >= op.size) throw new Refused('EINVAL');
    if (!this.canMerge(x, op.size / PAGE)) throw new Refused('EAGAIN');
    this.set(this.p.folio, x, x + op.size / PAGE, op.size);
  }

  private opMemoryFailure(op: OpOf<'memoryFailure'>): void {
    this.needAligned(op.offset);
    this.needInFile(op.offset);
    const i = op.offset / PAGE;
    const f = this.folioAt(i);
    if (f === undefined) throw new Refused('EINVAL');
    if (get(this.p.poisoned, i) !== 0) throw new Refused('EHWPOISON');
    this.p.poisoned[i] = 1;
    this.p.pte[i] = 0;
    this.zapStage2(f.start, f.end);
  }

  private opInject(op: OpOf<'injectRemovalFailure'>): void {
    if (this.config.vmType !== 'tdx') throw new Refused('EINVAL');
    this.needAligned(op.offset);
    this.needInFile(op.offset);
    this.p.removalFailure[op.offset / PAGE] = 1;
  }

  private opClose(): void {
    this.needOpen();
    this.p.open = false;
    this.maybeEvict();
  }

  // ---------------------------------------------------------------- observation

  /**
   * The canonical observation, built from the per-page arrays: every list in maximal runs.
   * @example model.observe().folios
   */
  observe(): Observation {
    const p = this.p;
    const c = this.config;
    const obs: Observation = {
      open: p.open,
      size: c.size,
      pageSize: c.pageSize,
      shareability: runs(this.n, p.attr, null).map((r) => ({
        offset: r.offset,
        length: r.length,
        state: (r.value === SHARED ? 'shared' : 'private') as Attr,
      })),
      folios: this.folioRuns(null),
      hostMappings: runs(this.n, p.pte, 0).map((r) => ({ offset: r.offset, length: r.length, level: PAGE })),
      guestMappings: runs(this.n, p.s2kind, NONE, p.s2level).map((r) => ({
        offset: r.offset,
        length: r.length,
        level: r.second,
        kind: (r.value === SHARED ? 'shared' : 'private') as Attr,
      })),
      evicted: p.evicted,
      ...(p.vmDead ? { vmDead: true } : {}),
      vmas: runs(p.vma.length, p.vma, 0).map((r) => ({ offset: r.offset, length: r.length })),
      orphans: p.orphans.flatMap((o) => this.folioRuns(o)),
      poisoned: runs(this.n, p.poisoned, 0).map((r) => ({ offset: r.offset, length: r.length })),
      contents: runs(this.n, p.content, NONE).map((r) => ({
        offset: r.offset,
        length: r.length,
        content: CONTENTS[r.value] as ContentName,
      })),
    };
    if (this.hugetlb) {
      // struct page = 64 B: a huge folio or a 2M piece keeps 1 vmemmap page (HVO), 4K folios
      // need 1/64 of their bytes; an orphaned block counts 1 if whole, else fully restored.
      let vmemmapPages = 0;
      for (let i = 0; i < this.n; i++) {
        const size = get(p.folio, i);
        if (size === PAGE) vmemmapPages += 1 / 64;
        else if (size > PAGE && i % (size / PAGE) === 0) vmemmapPages += 1;
      }
      for (const o of p.orphans) {
        if (!o.hugetlb) continue;
        const whole = o.folios.size === 1 && o.folios.get(o.startPage) === c.pageSize;
        vmemmapPages += whole ? 1 : c.pageSize / PAGE / 64;
      }
      obs.pool = {
        pageSize: c.pageSize,
        reserved: this.poolReserved(),
        inUse: this.poolInUse(),
        vmemmapPages,
      };
    }
    return obs;
  }

  /** The folios of the file (orphan null) or of one orphan, one by one, merged into runs as they come. */
  private folioRuns(orphan: NaiveOrphan | null): FolioRun[] {
    const id = orphan === null ? null : orphan.id;
    // Per-page counts of this memory's references: [pins, transient, arch].
    const counts = new Map<number, [number, number, number]>();
    for (const u of this.p.units) {
      if (u.orphan !== id) continue;
      const c = counts.get(u.page) ?? [0, 0, 0];
      c[u.kind === 'pin' ? 0 : u.kind === 'transient' ? 1 : 2]++;
      counts.set(u.page, c);
    }
    const orphanFolios = orphan === null ? [] : [...orphan.folios.entries()].toSorted((x, y) => x[0] - y[0]);
    const out: FolioRun[] = [];
    let k = 0;
    for (let i = 0; ;) {
      // The next folio: walk the page cache (file) or the orphan's kept folios.
      let start: number;
      let size: number;
      if (orphan === null) {
        while (i < this.n && get(this.p.folio, i) === 0) i++;
        if (i >= this.n) break;
        start = i;
        size = get(this.p.folio, i);
        if (start % (size / PAGE) !== 0)
          throw new Error(`naive model broken: a ${size}-byte folio starts at page ${start}`);
        i += size / PAGE;
      } else {
        const f = orphanFolios[k++];
        if (f === undefined) break;
        [start, size] = f;
      }
      let mapcount = 0;
      let pincount = 0;
      let transient = 0;
      let arch = 0;
      for (let j = start; j < start + size / PAGE; j++) {
        if (orphan === null) mapcount += get(this.p.pte, j);
        const c = counts.get(j);
        if (c === undefined) continue;
        pincount += c[0];
        transient += c[1];
        arch += c[2];
      }
      const last = out[out.length - 1];
      const offset = start * PAGE;
      if (
        last !== undefined &&
        last.offset + last.count * last.size === offset &&
        last.size === size &&
        last.mapcount === mapcount &&
        last.pincount === pincount &&
        last.transient === transient &&
        last.arch === arch
      ) {
        last.count++;
        continue;
      }
      // An orphan lost the page cache's references with the truncation.
      const pageCache = orphan === null ? size / PAGE : 0;
      const refcount = pageCache + mapcount + pincount * (size === PAGE ? 1024 : 1) + transient + arch;
      out.push({ offset, count: 1, size, mapcount, pincount, transient, arch, refcount });
    }
    return out;
  }
}

/**
 * Maximal runs over pages [0, n) of equal (a[i], b[i]) pairs; pages where a[i] === absent are
 * gaps. Written as a plain loop: it runs over every page of a 2G file at every step.
 */
function runs(
  n: number,
  a: Int32Array,
  absent: number | null,
  b?: Int32Array,
): { offset: number; length: number; value: number; second: number }[] {
  const out: { offset: number; length: number; value: number; second: number }[] = [];
  const gap = absent ?? Number.NaN;
  const bb = b ?? new Int32Array(n);
  let start = 0;
  for (let i = 1; i <= n; i++) {
    if (i < n && a[i] === a[start] && bb[i] === bb[start]) continue;
    const va = a[start] as number;
    if (start < n && va !== gap)
      out.push({ offset: start * PAGE, length: (i - start) * PAGE, value: va, second: bb[start] as number });
    start = i;
  }
  return out;
}

/**
 * Runs ops through the naive model, without observing (what `npm run bench` compares with the
 * core's apply on the same workload).
 * @example benchNaive(config, ops)
 */
export function benchNaive(config: GmemConfig, ops: readonly Op[]): void {
  const model = naiveCreate(config).model;
  if (model === null) return;
  for (const op of ops) model.apply(op);
}
