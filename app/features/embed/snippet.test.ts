import { describe, expect, it } from 'vitest';
import { isEmbedUrl } from '../../share/embed.ts';
import { EMBED_SIZES, embedSnippet, embedSrc, escapeAttr, sizeNote } from './snippet.ts';

describe('embed snippet', () => {
  it('points at the app in embed mode, at the fragment’s scenario and step', () => {
    const src = embedSrc('https://f.example', '/app/', '#s=1.abc&step=3');
    expect(src).toBe('https://f.example/app/?embed=1#s=1.abc&step=3');
    const u = new URL(src);
    expect(isEmbedUrl(u.search, u.hash)).toBe(true);
    expect(embedSrc('http://h', '/', 's=1.x&step=0')).toBe('http://h/?embed=1#s=1.x&step=0');
  });
  it('is one iframe with a size and a title naming the scenario and step', () => {
    const s = embedSnippet({
      src: 'http://h/?embed=1#tour=x&step=2',
      size: { width: 800, height: 450 },
      title: 'Pin "blocks" <conversion> & more',
      step: 2,
      total: 6,
    });
    expect(s).toBe(
      '<iframe src="http://h/?embed=1#tour=x&amp;step=2" width="800" height="450"' +
        ' title="Folioscope: Pin &quot;blocks&quot; &lt;conversion&gt; &amp; more, step 2 of 6"' +
        ' style="border: 0; max-width: 100%" loading="lazy"></iframe>',
    );
    expect(srcOf(s)).toBe('http://h/?embed=1#tour=x&step=2');
  });
  it('names an untitled scenario', () => {
    expect(
      embedSnippet({
        src: 'u',
        size: EMBED_SIZES[1] ?? { width: 1, height: 1 },
        title: undefined,
        step: 0,
        total: 0,
      }),
    ).toContain('title="Folioscope: Untitled scenario, step 0 of 0"');
  });
  it('says the diagram gives way below 720x420', () => {
    expect(sizeNote({ width: 800, height: 450 })).toContain('state diagram’s edge');
    expect(sizeNote({ width: 640, height: 360 })).toContain('gives way');
    expect(escapeAttr('a&b')).toBe('a&amp;b');
  });
});

/** The src attribute as a browser reads it (entities decoded), without a DOM. */
function srcOf(html: string): string {
  const m = /src="([^"]*)"/.exec(html);
  return (m?.[1] ?? '')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
