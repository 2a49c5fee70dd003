/**
 * Regenerates core/presets/golden/<name>.json from the current core, after a deliberate
 * semantic change: npx tsx core/presets/writeGolden.ts. Review the diff before committing.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { formatErrors, parseScenario, replay } from '../index.ts';
import { goldenOf, goldenText } from './golden.ts';
import { TOURS } from './tours.ts';

const dir = new URL('./golden/', import.meta.url);
mkdirSync(dir, { recursive: true });
const names = new Set<string>();
for (const t of TOURS) {
  const parsed = parseScenario(t.scenario);
  if (!parsed.ok) throw new Error(`tour ${t.name} does not parse: ${formatErrors(parsed.errors)}`);
  const text = goldenText(goldenOf(t.name, replay(parsed.scenario)));
  writeFileSync(new URL(`${t.name}.json`, dir), text);
  names.add(`${t.name}.json`);
  console.log(`${t.name}.json ${(text.length / 1024).toFixed(1)} KB`);
}
for (const f of readdirSync(dir)) {
  if (f.endsWith('.json') && !names.has(f)) {
    rmSync(new URL(f, dir));
    console.log(`removed stale ${f}`);
  }
}
