import type { Plugin } from 'vite';

/**
 * The bundler wraps each CommonJS module (React, ReactDOM, the scheduler) in a factory,
 * `__commonJSMin(((exports) => { …the module… }))`, called when the module is first required.
 * V8 compiles an arrow function lazily: ReactDOM's 200 KB body was parsed again and compiled on
 * the main thread when the page evaluated it, ~30 ms of a ~55 ms task while a long link opens
 * (trace: V8.ParseFunction inside v8.evaluateModule). A function expression in parentheses is
 * compiled eagerly with the rest of the script, which Chromium streams and compiles off the
 * main thread while it downloads: that task drops to ~38 ms (median of 8 openings each).
 *
 * The factory's `this` is undefined either way (a plain call in a module, which is strict) and
 * a module's top level has no `arguments` to read: the two forms behave the same.
 */
const ARROW_FACTORY = /__commonJSMin\(\(\(([A-Za-z_$][\w$]*(?:, [A-Za-z_$][\w$]*)*)\) => \{/g;

/** `code` with every CommonJS factory written as a parenthesised function expression, and how many. */
export function eagerFactories(code: string): { code: string; count: number } {
  let count = 0;
  const out = code.replace(ARROW_FACTORY, (_, params: string) => {
    count++;
    return `__commonJSMin((function(${params}) {`;
  });
  return { code: out, count };
}

/**
 * Rewrites the factories of every chunk before it is minified. A chunk that still calls the
 * helper after the rewrite has a factory of another shape (a new bundler version): the build
 * says so instead of silently losing the gain.
 */
export function eagerCommonJs(): Plugin {
  return {
    name: 'folioscope-eager-commonjs',
    apply: 'build',
    renderChunk(code, chunk) {
      if (!code.includes('__commonJSMin(')) return null;
      const { code: out, count } = eagerFactories(code);
      if (/__commonJSMin\(\(\(/.test(out))
        this.warn(`eagerCommonJs: a CommonJS factory of an unknown shape is left lazy in ${chunk.fileName}`);
      // Each rewrite stays on its line and changes only what follows `__commonJSMin(` there:
      // the chunk's source map still holds.
      return count === 0 ? null : { code: out, map: null };
    },
  };
}
