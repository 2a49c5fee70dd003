import { readHash } from './hash.ts';

/**
 * Embed mode (`?embed=1` or `#…&embed=1`): a read-only view for an iframe in slides or an
 * article. Read once at start: the URL sync rewrites the fragment without the flag.
 */
export function isEmbedUrl(search: string, hash: string): boolean {
  if (new URLSearchParams(search).get('embed') === '1') return true;
  // A link's fragment as every reader shares it (hash.ts): parsing a long link's 90 KB again
  // was a few milliseconds of the app's first task.
  const h = readHash(hash)?.params ?? new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  return h.get('embed') === '1';
}

/** The full app's URL for the same scenario and step: the embed flag dropped from both parts. */
export function fullAppUrl(origin: string, pathname: string, search: string, fragment: string): string {
  const q = new URLSearchParams(search);
  q.delete('embed');
  const rest = q.toString();
  const hash = (fragment.startsWith('#') ? fragment.slice(1) : fragment)
    .split('&')
    .filter((p) => p !== 'embed=1')
    .join('&');
  return `${origin}${pathname}${rest === '' ? '' : `?${rest}`}${hash === '' ? '' : `#${hash}`}`;
}
