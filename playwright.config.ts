import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

// Playwright cannot download its own browsers on this machine; use Debian's Chromium
// (`apt-get install -y chromium`) when present, else fall back to Playwright's browser.
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const executablePath = existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined;

// FOLIOSCOPE_E2E_PORT lets two checkouts run their suites side by side without sharing a server.
const PORT = Number(process.env['FOLIOSCOPE_E2E_PORT'] ?? 4173);
const isCI = Boolean(process.env['CI']);

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/playwright',
  fullyParallel: false,
  workers: 1,
  forbidOnly: isCI,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    ...devices['Desktop Chrome'],
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
    trace: 'retain-on-failure',
    // The built app registers a precaching service worker; requests it serves are invisible to
    // page.route, so specs run without it. offline.spec.ts allows it, as a visitor has it.
    serviceWorkers: 'block',
  },
  projects: [
    // Reduced motion gives the app its instant clock: every step shows its last frame at once,
    // so functional tests never wait for an animation (animation.spec.ts opts back in).
    { name: 'e2e', testIgnore: /\.perf\.spec\.ts$/, use: { reducedMotion: 'reduce' } },
    // Frame-time measurements run alone, after the functional tests (parallel work adds jank).
    {
      name: 'perf',
      testMatch: /\.perf\.spec\.ts$/,
      dependencies: ['e2e'],
      // No Playwright trace here: recording one screenshots every frame and snapshots the DOM
      // at every action, and the specs then measure the recorder (frames at 30 instead of 60
      // per second, first picture of a long link ~0.9 s later, seek p95 ~40 ms worse).
      use: { reducedMotion: 'no-preference', trace: 'off' },
    },
  ],
  // Test the production build (some bugs only show up after bundling), served by `vite preview`.
  webServer: {
    command: `npm run build && npm run preview -- --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: !isCI,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
