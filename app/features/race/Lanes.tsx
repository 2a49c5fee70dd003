/**
 * The actors' lanes (spec/races.md §9): each actor's program as a row of step chips (done
 * filled, the next outlined, a waiting one locked), with its scheduler button; and the lock
 * strip above them. Every state has a word or glyph, never colour alone.
 */
import { blockedBy, raceView, resultText, type RaceStep } from '../../../core/index.ts';
import { useRace, useRaceStore } from './raceContext.tsx';
import { scheduleActor, whyNot, type RaceRun } from './raceStore.ts';
import { SOURCE_NAMES, sourceOf } from './sources.ts';
import { opText } from './text.ts';

/** A padlock drawn in SVG (emoji fonts are not everywhere); the text beside it says the rest. */
function LockIcon() {
  return (
    <svg className="lock-icon" viewBox="0 0 12 14" width="11" height="13" aria-hidden="true">
      <path d="M3 6V4a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <rect x="1" y="6" width="10" height="7.5" rx="1.2" fill="currentColor" />
    </svg>
  );
}

function useWorld() {
  const run = useRace((s) => s.run);
  const cursor = useRace((s) => s.cursor);
  const w = run?.worlds[cursor];
  return run === null || w === undefined ? null : { run, w, cursor };
}

/** The strip's entries that are locks (the padlock marks them held; the others are counters). */
const LOCKS = ['invalidate_lock', 'mmu_lock readers', 'folio locks'];

/** invalidate_lock, mmu_lock readers, folio locks, mmu_invalidate_seq / in_progress, speculative refs. */
export function LockStrip() {
  const at = useWorld();
  if (at === null) return null;
  const v = raceView(at.run.race, at.w);
  const inv = v.locks.invalidate;
  const invText = inv === null ? 'free' : 'x' in inv ? `X held by ${inv.x}` : `S held by ${inv.s.join(', ')}`;
  const folios = Object.entries(v.locks.folio);
  const spec = v.refs.filter((r) => r.holder.startsWith('gup-fast:') || r.holder.startsWith('lookup:'));
  const items: [string, string, boolean][] = [
    ['invalidate_lock', invText, inv !== null],
    ['mmu_lock readers', v.locks.mmu.length === 0 ? 'none' : v.locks.mmu.join(', '), v.locks.mmu.length > 0],
    [
      'folio locks',
      folios.length === 0 ? 'none' : folios.map(([f, a]) => `#${f} held by ${a}`).join(', '),
      folios.length > 0,
    ],
    ['mmu_invalidate_seq', String(v.kvm.seq), false],
    ['in_progress', String(v.kvm.inProgress), v.kvm.inProgress > 0],
    [
      'transient refs',
      spec.length === 0 ? 'none' : spec.map((r) => `${r.holder}${r.orphan ? ' (orphan)' : ''}`).join(', '),
      spec.length > 0,
    ],
  ];
  return (
    <dl className="race-locks" aria-label="Locks and counters after the selected step">
      {items.map(([k, val, held]) => (
        <div key={k} className={held ? 'held' : undefined} data-item={k}>
          <dt>{k}</dt>
          <dd>
            {held && LOCKS.includes(k) && <LockIcon />}
            {val}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** How many times each label of actor `id` ran in the first `cursor` steps (retries run twice). */
function ranCounts(run: RaceRun, cursor: number, id: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const s of run.steps.slice(0, cursor)) if (s.actor === id) m.set(s.label, (m.get(s.label) ?? 0) + 1);
  return m;
}

function Chip({
  step,
  ran,
  next,
  waiting,
}: {
  step: RaceStep;
  ran: number;
  next: boolean;
  waiting: string | null;
}) {
  const src = sourceOf(step.label);
  const state = next ? (waiting === null ? 'next' : 'waiting') : ran > 0 ? 'done' : 'todo';
  const word = { next: 'next', waiting: 'waiting', done: 'done', todo: '' }[state];
  return (
    <li
      className={`race-chip ${state}`}
      data-step={step.label}
      title={`${step.label}: ${step.fn} [${src}: ${SOURCE_NAMES[src] ?? src}]${word === '' ? '' : ` (${word})`}`}
    >
      <span className="chip-label">
        {state === 'waiting' && <LockIcon />}
        {state === 'done' && <span aria-hidden="true">✓ </span>}
        {step.label}
        {ran > 1 && <span title={`ran ${ran} times`}> ×{ran}</span>}
      </span>
      <span className="chip-fn">{breakable(step.fn)}</span>
      <span className="chip-src">[{src}]</span>
      {word !== '' && <span className="sr-only"> ({word})</span>}
    </li>
  );
}

/** A function name with a break opportunity after each underscore (kvm_gmem_… wraps there). */
const breakable = (fn: string) =>
  fn.split('_').map((part, i, all) => (
    <span key={i}>
      {part}
      {i < all.length - 1 && (
        <>
          _<wbr />
        </>
      )}
    </span>
  ));

/** The source tags the chips of `programs` carry, spelled out once below the lanes. */
function SourceLegend({ labels }: { labels: readonly string[] }) {
  const tags = [...new Set(labels.map(sourceOf))].toSorted();
  return (
    <p className="race-sources">
      Sources of the steps:{' '}
      {tags.map((t, i) => (
        <span key={t}>
          {i > 0 && ' · '}[{t}] {SOURCE_NAMES[t] ?? t}
        </span>
      ))}
    </p>
  );
}

/** One lane per actor, with the "you are the scheduler" button (key 1–3) at its head. */
export function Lanes() {
  const store = useRaceStore();
  const at = useWorld();
  const state = useRace((s) => s);
  if (at === null) return null;
  const { run, w, cursor } = at;
  return (
    <div className="race-lanes">
      {run.race.actors.map((a, i) => {
        const actor = w.actors[a.id];
        const program = run.race.programs[a.id] ?? [];
        const b = blockedBy(run.race, w, a.id);
        const waiting = b !== undefined && b !== 'done' ? b.on : null;
        const why = whyNot(state, a.id);
        const ran = ranCounts(run, cursor, a.id);
        const reasonId = `race-why-${a.id}`;
        return (
          <section key={a.id} className="race-lane" aria-label={`Actor ${a.id}`} data-actor={a.id}>
            <div className="lane-head">
              <button
                type="button"
                className="step-actor"
                disabled={why !== undefined}
                aria-keyshortcuts={String(i + 1)}
                aria-describedby={why === undefined ? undefined : reasonId}
                onClick={() => scheduleActor(store, a.id)}
              >
                <kbd aria-hidden="true">{i + 1}</kbd> Step {a.id}
              </button>
              <div className="lane-title">
                <strong>{a.id}</strong> {a.label ?? opText(a)}
                {a.label !== undefined && <span className="muted"> · {opText(a)}</span>}
              </div>
              <div id={reasonId} className={`lane-status${waiting === null ? '' : ' waiting'}`}>
                {actor?.status === 'done' ? (
                  `done: ${resultText(actor.result)}`
                ) : waiting !== null ? (
                  <>
                    <LockIcon /> waits for {waiting}
                  </>
                ) : (
                  `next: ${actor?.pc ?? ''}`
                )}
              </div>
            </div>
            <ol className="race-chips" aria-label={`${a.id}'s micro-steps`}>
              {program.map((s) => (
                <Chip
                  key={s.label}
                  step={s}
                  ran={ran.get(s.label) ?? 0}
                  next={actor?.status !== 'done' && actor?.pc === s.label}
                  waiting={waiting}
                />
              ))}
            </ol>
          </section>
        );
      })}
      <SourceLegend
        labels={run.race.actors.flatMap((a) => (run.race.programs[a.id] ?? []).map((s) => s.label))}
      />
    </div>
  );
}
