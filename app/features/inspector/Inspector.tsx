import { useSim } from '../../store/context.tsx';
import { selectCurrent, selectSelection } from '../../store/selectors.ts';
import { fileDetails, selectionDetails } from './details.ts';

function Rows({ rows }: { rows: [string, string][] }) {
  return (
    <>
      {rows.map(([k, v]) => (
        <tr key={k}>
          <th scope="row">{k}</th>
          <td>{v}</td>
        </tr>
      ))}
    </>
  );
}

/** The selected page and its folio: state, counts, mappings, holders; and the pool. */
export function Inspector() {
  const state = useSim(selectCurrent);
  const selection = useSim(selectSelection);
  if (state === undefined) return null;
  return (
    <section className="panel inspector" aria-labelledby="inspector-title">
      <h2 id="inspector-title">Inspector</h2>
      <table>
        <tbody>
          {selection === null ? (
            <tr>
              <td colSpan={2} className="muted">Select a page in the folio tree or type an offset.</td>
            </tr>
          ) : (
            <Rows rows={selectionDetails(state, selection)} />
          )}
          <Rows rows={fileDetails(state)} />
        </tbody>
      </table>
    </section>
  );
}
