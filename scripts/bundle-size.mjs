#!/usr/bin/env node
// Prints the gzip size (kB = 1000 bytes, as vite prints them) of each dist/assets/*.js, their total, and the
// initial load (the scripts dist/index.html loads or preloads; lazy chunks and workers excluded) against a budget.
// Informational: it never fails the build (a few hundred bytes of noise must not break CI);
// it says OVER BUDGET loudly instead. Run after `vite build` (npm run build does).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 200;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const assets = join(root, 'dist', 'assets');

if (!existsSync(assets)) {
  console.log('bundle size: dist/assets not found (run `npm run build` first)');
} else {
  const files = readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .toSorted();
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const buf = readFileSync(join(assets, f));
    const z = gzipSync(buf, { level: 9 }).length;
    raw += buf.length;
    gz += z;
    console.log(
      `  ${f.padEnd(32)} ${(buf.length / 1000).toFixed(1).padStart(8)} KB  gzip ${(z / 1000).toFixed(1).padStart(7)} KB`,
    );
  }
  // The initial load: what index.html itself references (entry script and modulepreloads).
  const html = readFileSync(join(root, 'dist', 'index.html'), 'utf8');
  const initial = files.filter((f) => html.includes(`assets/${f}`));
  const initialGz = initial.reduce(
    (n, f) => n + gzipSync(readFileSync(join(assets, f)), { level: 9 }).length,
    0,
  );
  const kb = initialGz / 1000;
  const verdict =
    kb <= BUDGET_KB
      ? `within the ${BUDGET_KB} KB budget (${(BUDGET_KB - kb).toFixed(1)} KB to spare)`
      : `OVER the ${BUDGET_KB} KB budget by ${(kb - BUDGET_KB).toFixed(1)} KB`;
  console.log(
    `bundle size: ${files.length} JS file(s), ${(raw / 1000).toFixed(1)} KB raw, ${(gz / 1000).toFixed(1)} KB gzip in all`,
  );
  console.log(`initial load: ${initial.join(', ')}: ${kb.toFixed(1)} KB gzip: ${verdict}`);
}
