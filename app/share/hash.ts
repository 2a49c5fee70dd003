/**
 * Reading the URL fragment (`#s=<link>&step=N`, `#tour=NAME&step=N`). Kept free of the core:
 * the early decoding (earlyDecode.ts) reads the fragment before the app's bundle has loaded.
 */

/** The raw (undecoded) value of `name` in a fragment's query, or null. */
function rawParam(query: string, name: string): string | null {
  for (const part of query.split('&')) if (part.startsWith(`${name}=`)) return part.slice(name.length + 1);
  return null;
}

/** What the fragment names, or null when it names nothing. */
export function readHash(hash: string): {
  kind: 's' | 'tour';
  value: string;
  step: number | undefined;
  encoded?: boolean;
  params: URLSearchParams;
} | null {
  const query = hash.startsWith('#') ? hash.slice(1) : hash;
  const params = new URLSearchParams(query);
  const raw = params.get('step');
  const step = raw !== null && /^\d{1,9}$/.test(raw) ? Number(raw) : undefined;
  const tour = params.get('tour');
  if (tour !== null) return { kind: 'tour', value: tour, step, params };
  const link = params.get('s');
  if (link === null) return null;
  // A link is written with URL-safe characters only: an encoded one is not what we wrote.
  const encoded = rawParam(query, 's') !== link;
  return { kind: 's', value: link, step, params, ...(encoded ? { encoded } : {}) };
}
