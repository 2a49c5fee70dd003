#!/usr/bin/env node
// Renders the app icons (public/icon-*.png) from their SVG sources with the same Chromium the
// end-to-end tests use, so the PNGs the web manifest names are reproducible: `npm run icons`.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const pub = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'public');
/** @type {{ svg: string, png: string, px: number }[]} */
const ICONS = [
  { svg: 'icon.svg', png: 'icon-192.png', px: 192 },
  { svg: 'icon.svg', png: 'icon-512.png', px: 512 },
  { svg: 'icon-maskable.svg', png: 'icon-maskable-512.png', px: 512 },
  { svg: 'icon-maskable.svg', png: 'apple-touch-icon.png', px: 180 },
];

const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
const browser = await chromium.launch({
  ...(executablePath ? { executablePath } : {}),
  args: ['--no-sandbox'],
});
const page = await browser.newPage();
for (const { svg, png, px } of ICONS) {
  await page.setViewportSize({ width: px, height: px });
  const src = readFileSync(join(pub, svg), 'utf8').replace('<svg ', `<svg width="${px}" height="${px}" `);
  await page.setContent(`<body style="margin:0;background:transparent">${src}</body>`);
  await page.screenshot({
    path: join(pub, png),
    omitBackground: true,
    clip: { x: 0, y: 0, width: px, height: px },
  });
  console.log(`${png}: ${px}x${px}`);
}
await browser.close();
