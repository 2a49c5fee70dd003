import { lazy, Suspense } from 'react';

// The entries' texts and sources (most of the glossary's weight) stay out of the first download:
// fetched the first time a list is shown, by the glossary dialog or Help's concepts.
const GlossaryList = lazy(() => import('./GlossaryList.tsx').then((m) => ({ default: m.GlossaryList })));

/**
 * The glossary list, loaded on first use. `focus` works as in `GlossaryList`: the list scrolls to
 * and focuses its entry when it mounts, which is once it has loaded.
 */
export function LazyGlossaryList({ focus = null }: { focus?: string | null }) {
  return (
    <Suspense fallback={<p role="status">Loading the glossary…</p>}>
      <GlossaryList focus={focus} />
    </Suspense>
  );
}
