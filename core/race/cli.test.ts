import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'core/cli.ts', ...args], {
    encoding: 'utf8',
    ...(input === undefined ? {} : { input }),
  });

const EXAMPLE = 'examples/race/convert-vs-gup-fast.json';

// Each test spawns node + tsx: seconds on a busy machine, so a generous limit.
describe('folioscope race (command line)', { timeout: 60_000 }, () => {
  it('without a schedule prints the exploration result as JSON', () => {
    const r = run(['race', EXAMPLE]);
    expect(r.status).toBe(0);
    const x = JSON.parse(r.stdout);
    expect(x).toMatchObject({
      format: 'folioscope-race-result',
      version: 1,
      complete: true,
      distinctFinalStates: 3,
    });
    expect(x.violations[0]).toMatchObject({
      labels: 'C1 C2 G1 C3 C4 C5 C6 G2 G3'.split(' '),
      invariant: '1',
    });
  });

  it('--format text prints the outcome table in at most 80 columns', () => {
    const r = run(['race', '-', '--format', 'text'], readFileSync(EXAMPLE, 'utf8'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('outcomes:');
    // The outcome reached through the violation says so, and on how many of its schedules.
    expect(r.stdout).toMatch(/2\.\s+C=ok G=ok\s+x45\n.*\n    ! violates 1 on 45 of them\n/);
    expect(r.stdout).toContain('schedule C1 C2 G1 C3 C4 C5 C6 G2 G3');
    for (const line of r.stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('with a schedule prints the race trace; a stuck schedule is valid', () => {
    const scn = {
      ...JSON.parse(readFileSync(EXAMPLE, 'utf8')),
      schedule: ['C', 'G', 'C', 'C', 'C', 'C', 'C', 'G', 'G'],
    };
    const r = run(['race', '-'], JSON.stringify(scn));
    expect(r.status).toBe(0);
    const t = JSON.parse(r.stdout);
    expect(t).toMatchObject({
      format: 'folioscope-race-trace',
      version: 1,
      results: { C: 'running', G: 'ok' },
    });
    expect(t.steps.map((s: { label: string }) => s.label)).toEqual('C1 G1 C2 C3 C4 C5 C6 G2 G3'.split(' '));
    expect(t.violations).toMatchObject([{ step: 8, invariant: '1' }]);
    const stuck = run(
      ['race', '-', '--format', 'text'],
      JSON.stringify({ ...scn, schedule: ['C', 'C', 'C', 'G', 'G', 'G'] }),
    );
    expect(stuck.status).toBe(0);
    expect(stuck.stdout).toMatch(/stuck at \[6\]: G waits at H1 for invalidate_lock \(X, held by C\)/);
  });

  it('an invalid race exits 2 with one line naming the field, nothing on stdout', () => {
    const scn = { ...JSON.parse(readFileSync(EXAMPLE, 'utf8')), knobs: { gupFastRecheck: 'off' } };
    const r = run(['race', '-'], JSON.stringify(scn));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^-: invalid race scenario: knobs\.gupFastRecheck: expected one of true, false/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
