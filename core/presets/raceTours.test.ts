import { describe, expect, it } from 'vitest';
import { decodeRaceLink, encodeRaceLink, raceFrom, raceTrace } from '../index.ts';
import { TOURS } from './index.ts';
import { RACE_TOURS, raceTourByName, raceTourRace, type RaceTour } from './index.ts';

/** Plain text: no markup, no control characters. */
const plain = (s: string): boolean => !/<\/?[a-z!]/i.test(s) && [...s].every((c) => c.charCodeAt(0) >= 0x20);
/** The citation rules of tours.test.ts: a thread by quoted subject and (author, year), or a kernel file with a function. */
const THREAD = /"[^"]{12,}"[^"()]{0,20}\([A-Z][\w'-]+ [A-Z][\w'-]+[^)]*\b20\d\d\b[^)]*\)/;
const KERNEL_FILE = /\b(virt|arch|mm|include|tools|Documentation)\/[\w./-]+\.(c|h|rst)\b/;
const FUNCTION = /\b[a-z_][a-z0-9_]*\(\)/;
const cites = (s: string): boolean => THREAD.test(s) || (KERNEL_FILE.test(s) && FUNCTION.test(s));
const SHORTHAND = /\bseeds? 00\d|\bIPC\b|\bRFC v\d\b|\bRFC1G\b|\bML\b/;

const each = RACE_TOURS.map((t) => [t.name, t] as const);
/** The trace of step i of a tour, with that step's knobs, or other knobs. */
const traceOf = (t: RaceTour, i: number, knobs?: Record<string, unknown>) => {
  const race = raceTourRace(t, i);
  const step = t.steps[i];
  if (step === undefined) throw new Error(`${t.name} has no step ${i}`);
  const r = knobs === undefined ? race : raceTourRace({ ...t, steps: [{ ...step, knobs }] }, 0);
  return raceTrace(r, step.schedule);
};
const lastOf = (t: RaceTour) => t.steps.length - 1;
/** Each actor's status after the last micro-step of a trace. */
const statuses = (x: ReturnType<typeof raceTrace>) =>
  Object.values(x.steps.at(-1)?.race.actors ?? {}).map((a) => a.status);

describe('race tour catalogue', () => {
  it('has at least four tours with unique URL-safe names, none shared with a scenario tour', () => {
    expect(RACE_TOURS.length).toBeGreaterThanOrEqual(4);
    const names = RACE_TOURS.map((t) => t.name);
    expect(new Set([...names, ...TOURS.map((t) => t.name)]).size).toBe(names.length + TOURS.length);
    for (const n of names) expect(n).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    for (const t of RACE_TOURS) expect(raceTourByName(t.name)).toBe(t);
    expect(raceTourByName('no-such-tour')).toBeUndefined();
  });

  it.each(each)('%s: 3-12 steps, short plain-text notes, each citing a source; no shorthand', (_n, t) => {
    expect(t.steps.length).toBeGreaterThanOrEqual(3);
    expect(t.steps.length).toBeLessThanOrEqual(12);
    expect(plain(t.title) && plain(t.description)).toBe(true);
    expect(cites(t.description)).toBe(true);
    for (const s of t.steps) {
      expect(s.note.trim().length).toBeGreaterThan(0);
      expect(s.note.length, `${s.note}`).toBeLessThanOrEqual(200);
      expect(plain(s.note)).toBe(true);
      expect(cites(s.source), `${s.source}`).toBe(true);
    }
    for (const text of [t.title, t.description, ...t.steps.flatMap((s) => [s.note, s.source])])
      expect(text).not.toMatch(SHORTHAND);
    expect(t.race['title']).toBe(t.title);
    expect(JSON.parse(JSON.stringify(t))).toEqual(t);
  });

  it.each(each)(
    '%s: every step replays its schedule prefix in full and points at a real micro-step',
    (_n, t) => {
      const final = t.steps[lastOf(t)]?.schedule ?? [];
      t.steps.forEach((s, i) => {
        expect(final.slice(0, s.schedule.length), `step ${i} is a prefix of the last`).toEqual(s.schedule);
        const tr = traceOf(t, i);
        expect(tr.stuck, `step ${i}`).toBeUndefined();
        expect(tr.steps.map((x) => x.actor)).toEqual(s.schedule);
        // The focus names an actor of the race, and a micro-step it took in this prefix or the one it stands at.
        const race = raceTourRace(t, i);
        expect(race.actors.map((a) => a.id)).toContain(s.focus.actor);
        const taken = tr.steps.filter((x) => x.actor === s.focus.actor).map((x) => x.label);
        const standing =
          tr.steps.length === 0
            ? raceFrom(race)?.start.actors[s.focus.actor]?.pc
            : tr.steps.at(-1)?.race.actors[s.focus.actor]?.pc;
        expect([...taken, standing], `step ${i} focus`).toContain(s.focus.step);
        // Only the last step may break anything.
        expect(tr.violations.length === 0 || i === lastOf(t), `step ${i} breaks nothing`).toBe(true);
      });
    },
  );

  it.each(each)(
    '%s: the last step flips the knob; with the defaults its schedule breaks nothing',
    (_n, t) => {
      expect(t.steps[lastOf(t)]?.knobs).toEqual(t.unsafe);
      expect(Object.keys(t.unsafe).length).toBeGreaterThan(0);
      expect(traceOf(t, lastOf(t), {}).violations).toEqual([]);
    },
  );

  const breaking = each.filter(([, t]) => t.breaks !== 'deadlock');
  const hanging = each.filter(([, t]) => t.breaks === 'deadlock');
  it('has tours that break an invariant and a tour that hangs', () => {
    expect([breaking.length >= 3, hanging.length >= 1]).toEqual([true, true]);
  });

  it.each(breaking)('%s: the unsafe knob breaks the named invariant at the last micro-step', (_n, t) => {
    const unsafe = traceOf(t, lastOf(t));
    const at = (t.steps[lastOf(t)]?.schedule.length ?? 0) - 1;
    expect(unsafe.violations.map((v) => [v.step, v.invariant])).toContainEqual([at, t.breaks]);
    expect(unsafe.violations.every((v) => v.step === at)).toBe(true);
  });

  it.each(hanging)('%s: the unsafe knob leaves an actor waiting forever; the defaults do not', (_n, t) => {
    const unsafe = statuses(traceOf(t, lastOf(t)));
    expect(unsafe).toContain('waiting');
    expect(unsafe).not.toContain('running');
    expect(statuses(traceOf(t, lastOf(t), {}))).not.toContain('waiting');
  });

  it.each(each)('%s: every step travels in a race link', (_n, t) => {
    t.steps.forEach((s, i) => {
      const race = raceTourRace(t, i);
      const back = decodeRaceLink(encodeRaceLink({ race, schedule: s.schedule }));
      expect(back).toEqual({ ok: true, race, schedule: s.schedule, cursor: s.schedule.length });
    });
  });
});
