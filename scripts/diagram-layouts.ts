// Lays out the whole page and block machines with ELK (1–2 s each) and saves the result as
// app/features/state-diagram/wholeLayouts.json, so the app draws the whole machine at once
// without starting the layout worker. Run after changing core/diagram.ts:
//   npx tsx scripts/diagram-layouts.ts
// A unit test (elkGraph.test.ts) fails while the saved layouts are stale.
import { writeFileSync } from 'node:fs';
import ELK from 'elkjs/lib/elk.bundled.js';
import { format, resolveConfig } from 'prettier';
import { BLOCK_MACHINE, PAGE_MACHINE } from '../core/index.ts';
import { fromElk, roundLayout, wholeGraph } from '../app/features/state-diagram/elkGraph.ts';

const elk = new ELK();
const out: Record<string, unknown> = {};
for (const m of [PAGE_MACHINE, BLOCK_MACHINE]) {
  const d = wholeGraph(m);
  out[d.key] = roundLayout(fromElk(d, await elk.layout(structuredClone(d.graph))));
}
const file = new URL('../app/features/state-diagram/wholeLayouts.json', import.meta.url);
// Formatted as `prettier --check .` expects.
const options = await resolveConfig(file.pathname);
writeFileSync(file, await format(JSON.stringify(out), { ...options, filepath: file.pathname }));
console.log(`wrote ${Object.keys(out).join(', ')} to ${file.pathname}`);
