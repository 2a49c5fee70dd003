/**
 * The head every share-link layout starts with (versions 1-4): configuration, policy, title,
 * description and the holder table. Version 1 has no second policy byte; versions 3 and 4
 * always write it (their other content, branches or a race, is what sets their version).
 */
import { PAGE } from '../units.ts';
import type { ByteReader, ByteWriter } from './bytes.ts';
import { LIMITS } from './limits.ts';
import { policyV2 } from './policy.ts';
import type { Scenario } from './types.ts';

const VMS = ['sw_protected', 'tdx', 'snp', 'pkvm'] as const;
const PAGES = [PAGE, 2 * 1024 * 1024, 1024 * 1024 * 1024] as const;
const SPLIT = ['direct', 'stepwise'] as const;
const MERGE = ['convert', 'lastRef', 'never'] as const;

/** Writes the configuration, the policy (with the second policy byte when `v2Byte`), title and description. */
export function writeHead(w: ByteWriter, s: Scenario, v2Byte: boolean): void {
  const c = s.config;
  w.byte(
    VMS.indexOf(c.vmType) |
      (PAGES.indexOf(c.pageSize as (typeof PAGES)[number]) << 2) |
      (Number(c.mmap) << 4) |
      (Number(c.initShared) << 5) |
      (Number(s.title !== undefined) << 6) |
      (Number(s.description !== undefined) << 7),
  );
  w.uint(c.size);
  const p = c.policy;
  w.byte(
    SPLIT.indexOf(p.splitPath) |
      (MERGE.indexOf(p.mergeWhen) << 1) |
      (Number(p.hostUnmap === 'require') << 3) |
      (Number(p.partialPunch === 'refuse') << 4) |
      (Number(p.mainline) << 5) |
      (Number(p.unsafeSkipRefCheck) << 6) |
      (Number(p.unsafeSkipZap) << 7),
  );
  w.uint(p.hostHugePages === null ? 0 : p.hostHugePages + 1);
  if (v2Byte) w.byte(policyV2(p));
  if (s.title !== undefined) w.text(s.title);
  if (s.description !== undefined) w.text(s.description);
}

/** The head as raw scenario JSON fields (the parser validates them), and its second policy byte. */
export interface RawHead {
  readonly fields: Record<string, unknown>;
  readonly pol2: number;
  /** A page size or merge rule with no meaning: reported after the rest is read, as version 1 always did. */
  readonly malformed: boolean;
}

/** Reads what writeHead wrote; a string says what is wrong. */
export function readHead(r: ByteReader, v2Byte: boolean): RawHead | string {
  const cfg = r.byte();
  const size = r.uint();
  const pol = r.byte();
  const huge = r.uint();
  const pol2 = v2Byte ? r.byte() : 0;
  if ((pol2 & ~7) !== 0) return 'the link has a malformed configuration';
  const title = (cfg & 64) !== 0 ? r.text(LIMITS.textBytes) : undefined;
  const description = (cfg & 128) !== 0 ? r.text(LIMITS.textBytes) : undefined;
  if (r.problem !== undefined) return r.problem;
  const page = PAGES[(cfg >> 2) & 3];
  const fields = {
    ...(title === undefined ? {} : { title }),
    ...(description === undefined ? {} : { description }),
    vm: { type: VMS[cfg & 3] },
    gmem: { size, pageSize: page, mmap: (cfg & 16) !== 0, initShared: (cfg & 32) !== 0 },
    policy: {
      splitPath: SPLIT[pol & 1],
      mergeWhen: MERGE[(pol >> 1) & 3],
      hostUnmap: (pol & 8) !== 0 ? 'require' : 'auto',
      partialPunch: (pol & 16) !== 0 ? 'refuse' : 'zero',
      mainline: (pol & 32) !== 0,
      unsafeSkipRefCheck: (pol & 64) !== 0,
      unsafeSkipZap: (pol & 128) !== 0,
      ...(huge === 0 ? {} : { hostHugePages: huge - 1 }),
      // Version 1 links predate these knobs: their defaults.
      ...((pol2 & 1) !== 0 ? { crossBoundary: 'split' } : {}),
      ...((pol2 & 2) !== 0 ? { leavesOnSplit: 'keep' } : {}),
      ...((pol2 & 4) !== 0 ? { tdxRemovalFailure: 'bug' } : {}),
    },
  };
  return { fields, pol2, malformed: page === undefined || ((pol >> 1) & 3) > 2 };
}

export function writeHolders(w: ByteWriter, holders: readonly string[]): void {
  w.uint(holders.length);
  holders.forEach((h) => w.text(h));
}

/** The holder table; a string says what is wrong. */
export function readHolders(r: ByteReader): string[] | string {
  const n = r.uint();
  if (n > LIMITS.holders) return 'the link defines too many holders';
  const holders: string[] = [];
  for (let i = 0; i < n && r.problem === undefined; i++) holders.push(r.text(64));
  return r.problem ?? holders;
}
