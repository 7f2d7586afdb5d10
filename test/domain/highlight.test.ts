/** Search highlights: the matched words marked, in any form sharing their beginning, and the text escaped. */
import { describe, expect, it } from 'vitest';
import { highlights } from '../../src/domain/highlight.js';

describe('highlights', () => {
  it('marks every word sharing the searched word\'s first five letters', () => {
    expect(highlights('encircled', ['troops at risk of encirclement near Sudzha'])).toEqual(['troops at risk of <em>encirclement</em> near Sudzha']);
  });

  it('escapes what HTML reads as markup, and never marks inside an escape', () => {
    const [fragment] = highlights('lt Sudzha', ['<b>Sudzha</b> & "lt" \'x\'']);
    expect(fragment).toBe('&lt;b&gt;<em>Sudzha</em>&lt;/b&gt; &amp; &quot;<em>lt</em>&quot; &#39;x&#39;');
  });

  it('cuts long texts around the match, at most three fragments', () => {
    const text = `${'a '.repeat(100)}Kursk ${'b '.repeat(100)}`;
    const [fragment] = highlights('Kursk', [text]);
    expect(fragment!.startsWith('…')).toBe(true);
    expect(fragment!.endsWith('…')).toBe(true);
    expect(highlights('Kursk', Array(5).fill('Kursk'))).toHaveLength(3);
  });
});
