/**
 * Embed mode (`?embed=1` or `#…&embed=1`): a read-only view for an iframe in slides or an
 * article. Read once at start: the URL sync rewrites the fragment without the flag.
 */
export function isEmbedUrl(search: string, hash: string): boolean {
  const q = new URLSearchParams(search);
  const h = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  return q.get('embed') === '1' || h.get('embed') === '1';
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
