import { describe, expect, it } from 'vitest';
import { scenarioFileText } from '../../../core/index.ts';
import { createSimStore } from '../../store/store.ts';
import { ALLOC_0, SHARE_0, testScenario } from '../../store/testScenario.ts';
import { importScenario, scenarioExport, traceJsonExport, traceTextExport } from './exports.ts';

describe('scenario files and traces', () => {
  it('exports the runner format and imports it back', () => {
    const s = testScenario([ALLOC_0, SHARE_0]);
    const text = scenarioExport(createSimStore(s).getState()).text;
    expect(text).toBe(scenarioFileText(s));
    const r = importScenario(text);
    expect(r.ok && r.scenario.steps).toEqual(s.steps);
  });

  it('says what is wrong with a bad file, with paths', () => {
    expect(importScenario('{')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^The file is not valid JSON/),
    });
    const bad = importScenario(
      JSON.stringify({
        format: 'folioscope-scenario',
        version: 1,
        gmem: { size: '2G', pageSize: '1G' },
        steps: [{ op: 'allocate', offset: 0 }],
      }),
    );
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toContain('steps[0].length');
  });

  it('traces the steps applied so far', () => {
    const st = createSimStore(testScenario([ALLOC_0, SHARE_0]), { cursor: 1 }).getState();
    expect((JSON.parse(traceJsonExport(st).text) as { steps: unknown[] }).steps).toHaveLength(1);
    expect(traceTextExport(st).text).toMatch(/^folioscope trace v1/);
  });
});
