import { describe, expect, it } from 'vitest';
import { eagerFactories } from './eagerCommonJs.ts';

// The helper as the bundler emits it, and two CommonJS modules wrapped by it (one reading
// `module`, one only `exports`), in the shape of a chunk before minification.
const CHUNK = `var __commonJSMin = (cb, mod) => () => (mod || (cb((mod = { exports: {} }).exports, mod, mod.exports), cb = null), mod.exports);
var require_inner = /* @__PURE__ */ __commonJSMin(((exports) => {
  exports.twice = (x) => 2 * x;
  exports.self = this;
}));
var require_outer = /* @__PURE__ */ __commonJSMin(((exports, module) => {
  module.exports = { four: require_inner().twice(2), inner: require_inner() };
}));
const arrow = ((x) => { return x; });
return require_outer();`;

// What a module exports, as data: its value and the factory's `this`, which a strict
// chunk leaves undefined in both forms.
const run = (src: string): { four: number; self: unknown; keys: string[] } => {
  const out = new Function(`'use strict';\n${src}`)() as { four: number; inner: object };
  return { four: out.four, self: (out.inner as { self: unknown }).self, keys: Object.keys(out.inner) };
};

describe('eagerFactories', () => {
  it('writes every CommonJS factory as a parenthesised function expression', () => {
    const { code, count } = eagerFactories(CHUNK);
    expect(count).toBe(2);
    expect(code).toContain('__commonJSMin((function(exports) {');
    expect(code).toContain('__commonJSMin((function(exports, module) {');
    expect(code).not.toMatch(/__commonJSMin\(\(\(/);
    // Other arrow functions are left as they are, and no line moves.
    expect(code).toContain('const arrow = ((x) => { return x; });');
    expect(code.split('\n')).toHaveLength(CHUNK.split('\n').length);
  });

  it('keeps what the modules export, `this` included', () => {
    const before = run(CHUNK);
    expect(before).toEqual({ four: 4, self: undefined, keys: ['twice', 'self'] });
    expect(run(eagerFactories(CHUNK).code)).toEqual(before);
  });

  it('leaves a chunk without CommonJS modules unchanged', () => {
    const src = 'export const f = ((x) => x + 1);';
    expect(eagerFactories(src)).toEqual({ code: src, count: 0 });
  });
});
