/**
 * Scenarios in the URL fragment: `#s=<share link>&step=N`, then the view (view.ts). The link
 * is the core's codec ("1.<base64url>"; "3." when it carries branches). The fragment never
 * reaches a server; boot.ts reads it back.
 */
import { encodeScenario } from '../../core/index.ts';
import type { LinkBranch, Scenario } from '../../core/index.ts';
import { viewParams, type LinkView } from './view.ts';

/** The fragment that reopens `scenario` (with its branches) at step `cursor`, in `view`. */
export const fragmentFor = (
  scenario: Scenario,
  cursor: number,
  branches: readonly LinkBranch[] = [],
  view: LinkView = {},
): string => `#s=${documentLink({ scenario, branches })}&step=${cursor}${viewParams(view)}`;

/** Links by scenario and branches (moving the cursor re-encodes nothing; documents are immutable). */
const links = new WeakMap<Scenario, { branches: readonly LinkBranch[]; link: string }>();

/** The link of a document: its scenario and the branches the user left. */
export function documentLink(doc: { scenario: Scenario; branches: readonly LinkBranch[] }): string {
  const hit = links.get(doc.scenario);
  if (hit !== undefined && sameBranches(hit.branches, doc.branches)) return hit.link;
  const link = encodeScenario(doc.scenario, doc.branches);
  links.set(doc.scenario, { branches: doc.branches, link });
  return link;
}

/** The same lines for the codec: the same list, or none in either (a document opened without branches gets a list of its own). */
const sameBranches = (a: readonly LinkBranch[], b: readonly LinkBranch[]): boolean =>
  a === b || (a.length === 0 && b.length === 0);

/** Remembers `link` as the document's link (encoded elsewhere: the decoding worker). */
export function rememberLink(scenario: Scenario, branches: readonly LinkBranch[], link: string): void {
  links.set(scenario, { branches, link });
}
