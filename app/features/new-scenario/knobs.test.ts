import { describe, expect, it } from 'vitest';
import { BOOLEAN_KNOBS, DEFAULT_POLICY, POLICY_CHOICES, VM_TYPES } from '../../../core/index.ts';
import { glossaryEntry } from '../glossary/glossaryView.ts';
import { KNOB_DOCS, knobValueDoc } from './knobs.ts';
import { VM_TERM } from './vmTerms.ts';

const coreKnobs = [
  ...new Set([...Object.keys(DEFAULT_POLICY), ...Object.keys(POLICY_CHOICES), ...BOOLEAN_KNOBS]),
];

describe('every policy knob explains itself', () => {
  it.each(coreKnobs)('%s has a description, a glossary term and what you will see', (k) => {
    const doc = KNOB_DOCS[k];
    expect(doc).toBeDefined();
    expect(doc?.changes.length).toBeGreaterThan(20);
    expect(doc?.see.length).toBeGreaterThan(20);
    expect(glossaryEntry(doc?.term ?? '')).toBeDefined();
  });

  it.each(Object.entries(POLICY_CHOICES))('every value of %s names the design it stands for', (k, values) => {
    expect(values.filter((v) => (knobValueDoc(k, v) ?? '').length < 10)).toEqual([]);
  });

  it.each([...BOOLEAN_KNOBS])('%s explains both true and false', (k) => {
    expect(knobValueDoc(k, true)).toBeDefined();
    expect(knobValueDoc(k, false)).toBeDefined();
  });

  it('unsafe knobs say which invariant they break, with a value they have', () => {
    for (const k of coreKnobs.filter((x) => x.startsWith('unsafe'))) {
      const u = KNOB_DOCS[k]?.unsafe;
      expect(u?.breaks).toMatch(/invariant \d/);
      expect(knobValueDoc(k, u?.value ?? '')).toBeDefined();
    }
  });

  it('already describes the knobs of spec v2 (crossBoundary, leavesOnSplit, tdxRemovalFailure)', () => {
    expect(Object.keys(KNOB_DOCS['crossBoundary']?.values ?? {})).toEqual(['zap', 'split']);
    expect(Object.keys(KNOB_DOCS['leavesOnSplit']?.values ?? {})).toEqual(['demote', 'keep']);
    expect(KNOB_DOCS['leavesOnSplit']?.unsafe?.breaks).toMatch(/invariant 3/);
    expect(Object.keys(KNOB_DOCS['tdxRemovalFailure']?.values ?? {})).toEqual(['ref', 'bug']);
  });

  it('every VM type has a glossary entry', () => {
    expect(VM_TYPES.filter((v) => glossaryEntry(VM_TERM[v] ?? '') === undefined)).toEqual([]);
  });
});
