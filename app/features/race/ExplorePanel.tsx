/**
 * Explore every interleaving (in a worker, cancellable): counts, the outcome table with a
 * "Replay example" per outcome, the violations (each loads into the scheduler paused at the
 * violating step) and the deadlocks.
 */
import { observe, type ExploreResult } from '../../../core/index.ts';
import { useRace, useRaceStore } from './raceContext.tsx';
import { cancelExplore, loadSchedule, runExplore } from './raceStore.ts';
import { count, invariantLabel, pageDiff } from './text.ts';

const violating = (r: ExploreResult | null): string =>
  r === null ? '?' : `${count(r.violatingInterleavings)} of ${count(r.interleavings)}`;

function Counts({ r }: { r: ExploreResult }) {
  const before = useRace((s) => s.exploration.before);
  const change = useRace((s) => s.exploration.change);
  if (!r.complete)
    return (
      <p className="race-error">
        Stopped after {count(String(r.states))} states (the limit): no counts. The violations found so far are
        listed.
      </p>
    );
  if (r.interleavings === null)
    return (
      <p className="race-error">A cycle (livelock) in the state graph: interleavings are not counted.</p>
    );
  const bad = r.violatingInterleavings !== '0';
  return (
    <>
      <dl className="race-counts">
        <div>
          <dt>states</dt>
          <dd>{count(String(r.states))}</dd>
        </div>
        <div>
          <dt>interleavings</dt>
          <dd data-testid="race-interleavings">{count(r.interleavings)}</dd>
        </div>
        <div className={bad ? 'bad' : 'good'}>
          <dt>violating</dt>
          <dd data-testid="race-violating">
            <span aria-hidden="true">{bad ? '✗ ' : '✓ '}</span>
            {violating(r)}
          </dd>
        </div>
        <div>
          <dt>outcomes</dt>
          <dd data-testid="race-outcome-count">{r.distinctFinalStates}</dd>
        </div>
      </dl>
      {before !== null && change !== null && (
        <p className="race-change" role="status">
          {change}: {count(before.violatingInterleavings)} → {violating(r)} violate
        </p>
      )}
    </>
  );
}

/** A warning triangle in SVG (the text beside it says which invariant): not colour alone. */
function WarnIcon() {
  return (
    <svg className="warn-icon" viewBox="0 0 14 13" width="14" height="13" aria-hidden="true">
      <path d="M7 0.8 13.4 12.2H0.6Z" fill="currentColor" />
      <path d="M7 4.6v3.6M7 9.6v1.2" stroke="var(--panel)" strokeWidth="1.6" />
    </svg>
  );
}

type Outcome = ExploreResult['outcomes'][number];

/** "KVM_EXIT_MEMORY_FAULT" may wrap after its underscores, never inside a word. */
const breakable = (name: string) =>
  name.split(/(?<=_)/).map((part, i) => (
    <span key={i}>
      {i > 0 && <wbr />}
      {part}
    </span>
  ));

/** "C ok", "G EFAULT" and the exit on a line of its own. */
function Results({ o }: { o: Outcome }) {
  return (
    <>
      {Object.entries(o.results).map(([k, v]) => {
        // "EFAULT KVM_EXIT_MEMORY_FAULT": the errno, and the exit on a line of its own.
        const [errno, ...exit] = v.split(' ');
        return (
          <span key={k} className={`result ${v === 'ok' ? 'ok' : 'err'}`}>
            {k} {errno}
            {exit.length > 0 && <span className="exit"> {breakable(exit.join(' '))}</span>}
          </span>
        );
      })}
    </>
  );
}

/**
 * An outcome reached through a violating state: which invariants, on how many of its
 * interleavings, and a button loading the least such schedule paused where it breaks.
 */
function OutcomeViolation({ o, n }: { o: Outcome; n: number }) {
  const store = useRaceStore();
  const v = o.violating;
  if (v === undefined) return null;
  const which = v.invariants.map(invariantLabel).join(', ');
  const all = v.interleavings === o.interleavings;
  return (
    <tr className="outcome-violation">
      <td colSpan={4}>
        <span className="verdict">
          <WarnIcon /> Violates {which}
          {all ? ' on every one of its interleavings' : ` on ${count(v.interleavings)} of its interleavings`}
        </span>{' '}
        <button
          type="button"
          aria-label={`Load a violating schedule of outcome ${n}: ${which}, ${v.example.length} steps`}
          onClick={() => loadSchedule(store, v.example, 'violation')}
        >
          Load a violating schedule
        </button>
      </td>
    </tr>
  );
}

function Outcomes({ r }: { r: ExploreResult }) {
  const store = useRaceStore();
  const run = useRace((s) => s.run);
  const start = run === null ? null : observe(run.race.start.g);
  const offset = (run?.race.actors[0]?.op as { offset?: number } | undefined)?.offset ?? 0;
  return (
    <table className="race-outcomes">
      <caption>Outcomes: distinct (results, final state) pairs</caption>
      <thead>
        <tr>
          <th scope="col">Results</th>
          <th scope="col">Final state (page {`0x${offset.toString(16)}`})</th>
          <th scope="col">Interleavings</th>
          <th scope="col">
            <span className="sr-only">Replay</span>
          </th>
        </tr>
      </thead>
      {r.outcomes.map((o, i) => (
        // One body per outcome: its row, and the row saying which invariant it breaks.
        <tbody key={i} className={o.violating === undefined ? undefined : 'violating'}>
          <tr>
            <td>
              <Results o={o} />
            </td>
            <td>{start === null ? '' : pageDiff(start, o.state, offset)}</td>
            <td className="num">{count(o.interleavings)}</td>
            <td>
              <button
                type="button"
                aria-label={`Replay example of outcome ${i + 1}`}
                onClick={() => loadSchedule(store, o.example)}
              >
                Replay example
              </button>
            </td>
          </tr>
          <OutcomeViolation o={o} n={i + 1} />
        </tbody>
      ))}
    </table>
  );
}

interface Loadable {
  readonly schedule: readonly string[];
  readonly labels: readonly string[];
  /** What happened at the last step, in words. */
  readonly head: string;
  /** The button's accessible name. */
  readonly name: string;
}

/** Schedules found by the explorer, each a button loading it paused at its last micro-step. */
function ScheduleList({ id, title, items }: { id: string; title: string; items: readonly Loadable[] }) {
  const store = useRaceStore();
  return (
    <section aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <ol className="race-violations">
        {items.map((v, i) => (
          <li key={i}>
            <button
              type="button"
              className="violation-load"
              aria-label={v.name}
              onClick={() => loadSchedule(store, v.schedule)}
            >
              <span className="violation-head">{v.head}</span>
              <span className="mini-chips" aria-hidden="true">
                {v.labels.map((l, j) => (
                  <span key={j} className={j === v.labels.length - 1 ? 'last' : undefined}>
                    {l}
                  </span>
                ))}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Violations({ r }: { r: ExploreResult }) {
  if (r.violations.length === 0) return <p className="muted">No violation in any interleaving.</p>;
  return (
    <ScheduleList
      id="race-violations-title"
      title="Violations (shortest schedule of each violating state)"
      items={r.violations.map((v, i) => ({
        ...v,
        head: `⚠ invariant ${v.invariant} at ${v.step.label}: ${v.message}`,
        name: `Load violation ${i + 1}: invariant ${v.invariant} at ${v.step.label}, ${v.labels.length} steps`,
      }))}
    />
  );
}

function Deadlocks({ r }: { r: ExploreResult }) {
  if (r.deadlocks.length === 0) return null;
  return (
    <ScheduleList
      id="race-deadlocks-title"
      title="Deadlocks"
      items={r.deadlocks.map((d, i) => ({
        ...d,
        head: `${d.kind === 'spin' ? 'Spins forever' : 'Deadlock'}: ${d.waiting
          .map((w) => `${w.actor} at ${w.label} waits for ${w.on}`)
          .join('; ')}`,
        name: `Load deadlock ${i + 1}, ${d.labels.length} steps`,
      }))}
    />
  );
}

export function ExplorePanel() {
  const store = useRaceStore();
  const e = useRace((s) => s.exploration);
  const running = e.status === 'running';
  return (
    <section className="panel race-explore" aria-labelledby="race-explore-title">
      <div className="panel-head">
        <h2 id="race-explore-title">Every interleaving</h2>
        {running ? (
          <button type="button" onClick={() => cancelExplore(store)}>
            Cancel
          </button>
        ) : (
          <button type="button" className="primary" aria-keyshortcuts="e" onClick={() => runExplore(store)}>
            {e.result === null ? 'Explore' : 'Explore again'}
          </button>
        )}
      </div>
      <p role="status" className="muted">
        {running
          ? `Exploring… ${count(String(e.states))} states so far`
          : e.status === 'cancelled'
            ? 'Exploration cancelled.'
            : e.status === 'failed'
              ? `The exploration failed: ${e.error ?? ''}`
              : e.status === 'idle'
                ? 'Explore runs every order of the micro-steps (in a background worker) and counts them exactly.'
                : ''}
      </p>
      {e.result !== null && (
        <>
          <Counts r={e.result} />
          {e.result.outcomes.length > 0 && <Outcomes r={e.result} />}
          <Violations r={e.result} />
          <Deadlocks r={e.result} />
        </>
      )}
    </section>
  );
}
