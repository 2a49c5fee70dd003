import { describe, expect, it } from 'vitest';
import { audienceLink } from './audienceLink.ts';

describe('the link the stage shows the audience', () => {
  it('is the public address of the step, when it is short enough to read out', () => {
    expect(audienceLink('https://kvm.example.org/folioscope/?x=1#old', '#tour=memory-failure&step=3')).toBe(
      'https://kvm.example.org/folioscope/#tour=memory-failure&step=3',
    );
  });

  it('is none for the presenter’s own machine or for a link too long to type', () => {
    for (const page of ['http://localhost:5173/', 'http://127.0.0.1:4173/', 'http://[::1]:4173/'])
      expect(audienceLink(page, '#tour=memory-failure&step=3')).toBeUndefined();
    expect(audienceLink('https://kvm.example.org/', `#s=1.${'A'.repeat(90)}`)).toBeUndefined();
  });
});
