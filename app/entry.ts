/**
 * The page's script (index.html): a long link starts decoding in a worker at once (see
 * share/earlyDecode.ts), then the app loads. The app is imported, not bundled with this: the
 * worker must start before the app's ~1 MB of script is evaluated, not after.
 */
import { startEarlyDecode } from './share/earlyDecode.ts';

startEarlyDecode(window.location.hash);
void import('./main.tsx');
