import { describe, expect, it } from 'vitest';
import { encodeRaceLink } from '../../../core/index.ts';
import { raceLinkIn } from './raceHash.ts';
import { openRaceLink, raceAddress, raceLinkOf } from './raceLink.ts';
import {
  createRaceStore,
  loadPreset,
  loadSchedule,
  selectStep,
  setKnob,
  type Explorer,
} from './raceStore.ts';
import { raceRouteOf, withRaceParam } from './route.ts';

/** Explorations are not part of a link: a knob change only has to start one. */
const noExplore: Explorer = () => () => undefined;
const VIOLATION_A = ['C', 'C', 'G', 'C', 'C', 'C', 'C', 'G', 'G'];

describe('race links in the workspace', () => {
  it('the link of preset (a) with gupFastRecheck off, its violating schedule and a cursor opens the same state', () => {
    const a = createRaceStore(noExplore);
    loadPreset(a, 'a');
    setKnob(a, 'gupFastRecheck', false);
    expect(loadSchedule(a, VIOLATION_A)).toBeNull();
    selectStep(a, 7);
    const link = raceLinkOf(a.getState());
    expect(link).toMatch(/^4\./);
    const b = createRaceStore(noExplore);
    expect(openRaceLink(b, link as string, 'a')).toBeNull();
    const [sa, sb] = [a.getState(), b.getState()];
    expect([sb.schedule, sb.cursor, sb.knobs, sb.presetId]).toEqual([sa.schedule, 7, sa.knobs, 'a']);
    expect(sb.run?.steps.map((s) => s.label).join(' ')).toBe('C1 C2 G1 C3 C4 C5 C6 G2 G3');
    expect(sb.run?.steps[8]?.violations.map((v) => v.invariant)).toContain('1');
    expect(raceLinkOf(sb)).toBe(link);
  });

  it('a garbled link keeps what was open and names the part that is wrong', () => {
    const s = createRaceStore(noExplore);
    loadPreset(s, 'b');
    const before = s.getState().run;
    const good = raceLinkOf(s.getState()) as string;
    const m = openRaceLink(s, `${good.slice(0, -3)}`);
    expect(m).toMatch(
      /^This race link could not be opened: .*\(in its (schedule|cursor|exploration bounds|knobs)\)/,
    );
    expect(s.getState().run).toBe(before);
    expect(s.getState().message).toBe(m);
    expect(openRaceLink(s, '3.AAAA')).toMatch(/holds a scenario \(link format 3\), not a race/);
  });

  it('the address: a race link opens the races, leaving them drops it, scenario links are left alone', () => {
    const s = createRaceStore(noExplore);
    loadPreset(s, 'a');
    const link = raceLinkOf(s.getState()) as string;
    expect(raceLinkIn(`#s=${link}`)).toBe(link);
    expect(raceLinkIn('#s=3.AAAA&step=2')).toBeNull();
    expect([raceRouteOf('', `#s=${link}`), raceRouteOf('', '#s=3.AAAA'), raceRouteOf('?race=a', '')]).toEqual(
      ['', null, 'a'],
    );
    const at = raceAddress('http://x/app/?race=a#s=3.AAAA', s.getState());
    expect(at).toBe(`/app/?race=a#s=${link}`);
    expect(withRaceParam(`http://x${at}`, null)).toBe('/app/');
    expect(withRaceParam('http://x/?race=a#s=3.AAAA', null)).toBe('/#s=3.AAAA');
    expect(
      encodeRaceLink({ race: { ...s.getState().scenario!, knobs: s.getState().knobs! }, schedule: [] }),
    ).toBe(link);
  });
});
