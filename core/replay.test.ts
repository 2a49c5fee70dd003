import { describe, expect, it } from 'vitest';
import { parseScenario } from './scenario/parse.ts';
import { replay, replayStates } from './replay.ts';
import { traceToText } from './trace/text.ts';
import { describeConfig } from './describe.ts';
import type { Scenario } from './scenario/types.ts';

function scenario(raw: Record<string, unknown>): Scenario {
  const r = parseScenario({ format: 'folioscope-scenario', version: 1, ...raw });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario;
}

describe('replay', () => {
  it('a refused creation gives initial null and no steps, with errno and reason', () => {
    const t = replay(
      scenario({
        gmem: { size: '3M', pageSize: '2M' },
        steps: [{ op: 'allocate', offset: 0, length: '2M' }],
      }),
    );
    expect(t.create).toMatchObject({
      ok: false,
      errno: 'EINVAL',
      reason: 'size 3M is not a multiple of the 2M page size',
    });
    expect(t.initial).toBeNull();
    expect(t.steps).toEqual([]);
    expect(replayStates(scenario({ gmem: { size: '3M', pageSize: '2M' }, steps: [] }))).toBeNull();
    expect(traceToText(t, 'x')).toContain('create: EINVAL from guestmem_hugetlb_setup');
  });

  // Issue 10 rule 8 (tdxRemovalFailure "bug") and rule 3 (a refusal's side effect): the
  // trace shows the dead VM, and a refused step's state is the state the kernel leaves.
  it('the trace shows a dead VM and the PTEs a refused conversion zapped', () => {
    const dead = replay(
      scenario({
        vm: { type: 'tdx' },
        gmem: { size: '4M' },
        policy: { tdxRemovalFailure: 'bug' },
        steps: [
          { op: 'guestAccess', offset: 0 },
          { op: 'injectRemovalFailure', offset: 0 },
          { op: 'punchHole', offset: 0, length: '4K' },
          { op: 'guestAccess', offset: '4K' },
        ],
      }),
    );
    expect(dead.steps[2]?.state.vmDead).toBe(true);
    expect(dead.steps[3]).toMatchObject({ ok: false, errno: 'EIO', rule: 'vm.dead' });
    expect(traceToText(dead, 'x')).toContain('dead (KVM_BUG_ON): KVM_RUN fails with EIO');
    const refused = replay(
      scenario({
        gmem: { size: '4M', mmap: true, initShared: true },
        steps: [
          { op: 'hostMap', offset: 0, length: '4M' },
          { op: 'hostAccess', offset: 0 },
          { op: 'getRef', offset: 0 },
          { op: 'convert', offset: 0, length: '4K', to: 'private' },
        ],
      }),
    );
    expect(refused.steps[3]).toMatchObject({ ok: false, errno: 'EAGAIN' });
    expect(refused.steps[3]?.state.hostMappings).toEqual([]);
    expect(traceToText(refused, 'x')).toContain('unmap_mapping_pages');
  });

  it('reports an invariant violation once, at the step where it first appears', () => {
    const t = replay(
      scenario({
        gmem: { size: '4M', mmap: true, initShared: true },
        policy: { unsafeSkipRefCheck: true },
        steps: [
          { op: 'hostMap', offset: 0, length: '4M' },
          { op: 'pin', offset: 0, length: '4K', holder: 'strace' },
          { op: 'convert', offset: 0, length: '4K', to: 'private' },
          { op: 'guestAccess', offset: '8K' },
        ],
      }),
    );
    expect(t.violations).toEqual([
      {
        step: 2,
        rule: 1,
        name: 'no-host-access-to-private',
        message: 'strace pins private memory at 0x0',
        offset: 0,
      },
    ]);
  });

  it('echoes ops normalised and is deterministic', () => {
    const s = scenario({
      gmem: { size: '2G', pageSize: '1G', mmap: true },
      steps: [{ op: 'convert', offset: '0x0', length: '4K', to: 'shared', note: 'split' }],
    });
    const a = JSON.stringify(replay(s));
    expect(JSON.stringify(replay(s))).toBe(a);
    expect(replay(s).steps[0]).toMatchObject({
      op: { op: 'convert', offset: 0, length: 4096, to: 'shared', note: 'split' },
      note: 'split',
      ok: true,
    });
  });

  it('the text trace stays within 80 columns even with long notes and titles', () => {
    const s = scenario({
      title: 'A very long title '.repeat(8),
      gmem: { size: '1T', pageSize: '1G', mmap: true },
      policy: { splitPath: 'stepwise', mergeWhen: 'lastRef', hostUnmap: 'require' },
      steps: [
        {
          op: 'convert',
          offset: '1023G',
          length: '4K',
          to: 'shared',
          note: 'word '.repeat(60) + 'x'.repeat(120),
        },
        { op: 'hostMap', offset: 0, length: '1T' },
        {
          op: 'pin',
          offset: '1023G',
          length: '4K',
          holder: 'a-rather-long-holder-name-for-io_uring-fixed-buffers',
        },
        { op: 'convert', offset: '1023G', length: '4K', to: 'private' },
      ],
    });
    const text = traceToText(replay(s), describeConfig(s.config));
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(text).toContain('EAGAIN');
  });
});
