/** The worker that decodes long links off the main thread (see decodeAhead.ts): link in, OffThreadDecode out. */
import { decodeWithLink } from './offThreadDecode.ts';

const scope = self as unknown as {
  addEventListener: (type: 'message', f: (e: MessageEvent<string>) => void) => void;
  postMessage: (m: unknown) => void;
};
scope.addEventListener('message', (e) =>
  // oxlint-disable-next-line unicorn/require-post-message-target-origin -- a worker's postMessage has no target origin
  scope.postMessage(decodeWithLink(e.data)),
);
