import { describe, expect, it } from 'vitest';
import { raceParam, withRaceParam } from './route.ts';

describe('race route', () => {
  it('reads ?race and ?race=a', () => {
    expect([raceParam(''), raceParam('?race'), raceParam('?race=a'), raceParam('?embed=1&race=e3')]).toEqual([
      null,
      '',
      'a',
      'e3',
    ]);
  });

  it('sets and removes the parameter, keeping the fragment', () => {
    expect(withRaceParam('http://h/p?x=1#s=abc', 'a')).toBe('/p?x=1&race=a#s=abc');
    expect(withRaceParam('http://h/#s=abc', '')).toBe('/?race#s=abc');
    expect(withRaceParam('http://h/?race=a#s=abc', null)).toBe('/#s=abc');
  });
});
