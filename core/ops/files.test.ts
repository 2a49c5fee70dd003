import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OP_FIELDS } from '../index.ts';

/** The rule of this folder (core/README.md): one module per operation, its test beside it. */
describe('core/ops layout', () => {
  const files = new Set(readdirSync(new URL('.', import.meta.url)));
  it('has a module and a test file for every operation of the scenario format', () => {
    const missing = Object.keys(OP_FIELDS).flatMap((op) =>
      [`${op}.ts`, `${op}.test.ts`].filter((f) => !files.has(f)),
    );
    expect(missing).toEqual([]);
  });
});
