/** How an edge or an op reads on the diagram: "convert → shared: last pin". */
/** An edge's label: its op, its direction for convert, its condition when it has one. */
export function edgeText(e: { op: string; to_attr?: string; when?: string }): string {
  return `${opText(e.op, e.to_attr)}${e.when === undefined ? '' : `: ${e.when}`}`;
}
export const opText = (op: string, toAttr?: string): string =>
  toAttr === undefined ? op : `${op} → ${toAttr}`;
