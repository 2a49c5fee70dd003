import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Relative asset URLs so the built dist/ also works from a sub-path or file server.
  base: './',
  plugins: [react()],
  server: { port: 5173 },
  preview: { port: 4173 },
  build: { outDir: 'dist', sourcemap: true },
  test: {
    include: ['core/**/*.test.ts', 'app/**/*.test.ts', 'app/**/*.test.tsx'],
    environment: 'node',
    // The suite must pass on a busy 2-core machine: heavy tests (property runs, CLI processes,
    // selftest replays) take 1-3 s on a quiet one, so 5 s is no margin. Speed is measured by
    // `npm run bench`, never by a test's timeout.
    testTimeout: 60_000,
  },
});
