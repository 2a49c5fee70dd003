/**
 * The first stop of the Tab order, shown only when it has the focus: past the header's
 * twenty-odd controls to the folio tree, where the keyboard does most of its work. A button,
 * not a link to "#folio-tree": the address's fragment is the scenario's, and a jump would
 * replace it.
 */
export function SkipToTree() {
  return (
    <button
      type="button"
      className="skip-link"
      onClick={() => document.querySelector<HTMLElement>('#folio-tree')?.focus()}
    >
      Skip to the folio tree
    </button>
  );
}
