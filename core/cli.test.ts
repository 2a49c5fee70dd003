import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'core/cli.ts', ...args], {
    encoding: 'utf8',
    ...(input === undefined ? {} : { input }),
  });

// Each test spawns node + tsx: seconds on a busy machine, so a generous limit.
describe('folioscope run (command line)', { timeout: 60_000 }, () => {
  it('prints the JSON trace of a scenario file and exits 0', () => {
    const r = run(['run', 'examples/pinned-page.json']);
    expect(r.status).toBe(0);
    const t = JSON.parse(r.stdout);
    expect(t).toMatchObject({ format: 'folioscope-trace', version: 1, create: { ok: true }, violations: [] });
    expect(t.steps[4]).toMatchObject({
      index: 4,
      ok: false,
      errno: 'EAGAIN',
      // Spec v2: the PTEs the conversion zapped before its refcount check stay zapped.
      reason:
        "folio at 0x0 has 1 long-term pin (vfio); conversion to private needs no extra references; the VMM's PTEs in [0x0, 0x1000) were zapped first (unmap_mapping_pages) and stay zapped: the VMM faults them back on its next access",
    });
    expect(t.steps[4].state.hostMappings).toEqual([]);
    expect(t.steps[6].state.folios).toEqual([
      expect.objectContaining({ offset: 0, size: 1073741824, count: 1 }),
    ]);
  });

  it('reads standard input and prints text of at most 80 columns', () => {
    const r = run(['run', '-', '--format', 'text'], readFileSync('examples/pinned-page.json', 'utf8'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('[5] convert 0x0+4K to private');
    expect(r.stdout).toMatch(/EAGAIN\n/);
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('an invalid scenario exits 2 with one message naming step and field, nothing on stdout', () => {
    const bad = JSON.stringify({
      format: 'folioscope-scenario',
      version: 1,
      gmem: { size: '4M' },
      steps: [{ op: 'pin', offset: '4K' }],
    });
    const r = run(['run', '-'], bad);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/steps\[0\]\.length: missing/);
    expect(run(['run', '-'], '{not json').status).toBe(2);
    expect(run(['run', 'no/such/file.json']).stderr).toMatch(/cannot read/);
    expect(run(['run', 'examples/pinned-page.json', '--format', 'xml']).status).toBe(2);
  });

  it('is deterministic: the same scenario gives identical output', () => {
    const a = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'core/cli.ts', 'run', 'examples/pinned-page.json'],
      { encoding: 'utf8' },
    );
    const b = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'core/cli.ts', 'run', 'examples/pinned-page.json'],
      { encoding: 'utf8' },
    );
    expect(a).toBe(b);
  });
});
