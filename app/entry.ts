/**
 * The page's script (index.html): a long link starts decoding in a worker at once (see
 * share/earlyDecode.ts), then the app loads. The app is imported, not bundled with this: the
 * worker must start before the app's ~1 MB of script is evaluated, not after.
 */
import { startEarlyDecode } from './share/earlyDecode.ts';

// When the page's own script starts: the perf spec tells the browser's tasks (committing the
// navigation, parsing the page) from the app's by it.
performance.mark('folioscope:entry');
startEarlyDecode(window.location.hash);
// The app's ~500 KB of script is evaluated in three tasks instead of one of ~100 ms, so the
// main thread is free for input between them: React's DOM renderer, then the store (with the
// simulation core), then the app. The app imports both anyway: one that failed to load fails
// there, with the app's own error.
const parts = [
  () => import('react-dom/client'),
  () => import('./store/store.ts'),
  () => import('./main.tsx'),
];
void parts.reduce<Promise<unknown>>((done, load) => done.then(load, load), Promise.resolve());
