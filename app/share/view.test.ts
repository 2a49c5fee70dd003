import { describe, expect, it } from 'vitest';
import { viewParams, readView, type LinkView } from './view.ts';

const SIZE = 2 ** 31;
const read = (query: string) => readView(new URLSearchParams(query.replace(/^&/, '')), SIZE);

describe('the view in a link: one link per view', () => {
  it('writes nothing for the default view, so links without a view stay as they were', () => {
    expect(viewParams({})).toBe('');
    expect(viewParams({ zoom: { k: 1, start: 0 } })).toBe('');
    expect(read('')).toEqual({ view: {}, problems: [] });
  });

  it('writes the selection, the zoom window and the theme in one order, and reads them back', () => {
    const views: LinkView[] = [
      { selection: { start: 0, end: 4096 } },
      { zoom: { k: 4, start: 0x40000000 } },
      { theme: 'dark' },
      {
        selection: { start: 0x200000, end: 0x400000 },
        zoom: { k: 3.4822022531844965, start: 123 },
        theme: 'projector',
      },
    ];
    for (const view of views) expect(read(viewParams(view))).toEqual({ view, problems: [] });
    expect(viewParams(views[3] as LinkView)).toBe(
      '&sel=200000-400000&zoom=3.4822022531844965@7b&theme=projector',
    );
  });

  it('refuses every other spelling of a view: what it does not write, it does not read', () => {
    const cases: [string, RegExp][] = [
      ['sel=0-1000-2000', /START-END/],
      ['sel=00-1000', /START-END/],
      ['sel=0-1A000', /START-END/],
      ['sel=0x0-1000', /START-END/],
      ['sel=1-1000', /page-aligned range inside the file/],
      ['sel=1000-1000', /page-aligned range inside the file/],
      ['sel=0-100000000', /page-aligned range inside the file/],
      ['zoom=1@0', /outside the file/],
      ['zoom=4.0@0', /FACTOR@START/],
      ['zoom=04@0', /FACTOR@START/],
      ['zoom=4@80000000', /outside the file/],
      ['zoom=Infinity@0', /FACTOR@START/],
      ['zoom=4', /FACTOR@START/],
      ['theme=light', /neither dark nor projector/],
      ['theme=<b>', /neither dark nor projector/],
    ];
    for (const [query, why] of cases) {
      const r = read(query);
      expect(r.view).toEqual({});
      expect(r.problems.join()).toMatch(why);
    }
  });

  it('keeps the good fields when one is bad', () => {
    expect(read('sel=0-1000&zoom=nope&theme=dark')).toEqual({
      view: { selection: { start: 0, end: 4096 }, theme: 'dark' },
      problems: ['the zoom is not written as FACTOR@START'],
    });
  });
});
