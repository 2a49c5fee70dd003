import { useSim } from '../../store/context.tsx';
import { TermLabel } from '../glossary/Term.tsx';
import { selectCurrent, selectCursor, selectSelection } from '../../store/selectors.ts';
import type { SimState } from '../../store/store.ts';
import { recentEvents } from './recentEvents.ts';
import { EventLine } from '../timeline/EventLine.tsx';
import { fileDetails, selectionDetails } from './details.ts';

function Rows({ rows }: { rows: [string, string][] }) {
  return (
    <>
      {rows.map(([k, v]) => (
        <tr key={k}>
          <th scope="row">
            <TermLabel label={k} />
          </th>
          <td>{v}</td>
        </tr>
      ))}
    </>
  );
}

const selectResults = (s: SimState) => s.replay.results;

/** The selected page and its folio: state, counts, mappings, holders; and the pool. */
export function Inspector() {
  const state = useSim(selectCurrent);
  const selection = useSim(selectSelection);
  const results = useSim(selectResults);
  const cursor = useSim(selectCursor);
  if (state === undefined) return null;
  // What last happened to the selected block (the folio and its neighbours that split with it).
  const P = state.config.pageSize;
  const recent =
    selection === null
      ? []
      : recentEvents(
          results,
          cursor,
          selection.start - (selection.start % P),
          Math.max(selection.end, selection.start + 1),
        );
  return (
    <section className="panel inspector" aria-labelledby="inspector-title">
      <h2 id="inspector-title">Inspector</h2>
      <table>
        <tbody>
          {selection === null ? (
            <tr>
              <td colSpan={2} className="muted">
                Select a page in the folio tree or type an offset.
              </td>
            </tr>
          ) : (
            <Rows rows={selectionDetails(state, selection)} />
          )}
          <Rows rows={fileDetails(state)} />
        </tbody>
      </table>
      {selection !== null && (
        <>
          <h3>Last events here</h3>
          {recent.length === 0 ? (
            <p className="muted">Nothing has happened to this memory yet.</p>
          ) : (
            <ol className="recent-events">
              {recent.map((e, i) => (
                <li key={i}>
                  <span className="muted">step {e.step}</span> <EventLine e={e.event} />
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
