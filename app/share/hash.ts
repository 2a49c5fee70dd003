/**
 * Reading the URL fragment (`#s=<link>&step=N`, `#tour=NAME&step=N`). Kept free of the core:
 * the early decoding (earlyDecode.ts) reads the fragment before the app's bundle has loaded.
 */

/** The raw (undecoded) value of `name` in a fragment's query, or null. */
function rawParam(query: string, name: string): string | null {
  for (const part of query.split('&')) if (part.startsWith(`${name}=`)) return part.slice(name.length + 1);
  return null;
}

/** What a fragment names. Shared by every reader of the same fragment: read it, never change it. */
export type HashRead = {
  readonly kind: 's' | 'tour';
  readonly value: string;
  readonly step: number | undefined;
  readonly encoded?: boolean;
  readonly params: Pick<URLSearchParams, 'get' | 'has'>;
};

/**
 * The last fragment read and what it named. A long link's fragment is read by several modules
 * while the page opens (the early decoding, the theme, the race route, the opening, the welcome
 * check); parsing 90 KB each time cost 3-12 ms apiece on the main thread (CPU profile).
 */
let last: { readonly hash: string; readonly read: HashRead | null } | undefined;

/** What the fragment names, or null when it names nothing. */
export function readHash(hash: string): HashRead | null {
  if (last?.hash !== hash) last = { hash, read: parse(hash) };
  return last.read;
}

function parse(hash: string): HashRead | null {
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
