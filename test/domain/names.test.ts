import { describe, expect, it } from 'vitest';
import { nameKey, nameKeys, resolveName } from '../../src/domain/names.js';

describe('nameKey', () => {
  it('ignores case, diacritics, apostrophes and punctuation', () => {
    expect(nameKey('Vovchans’k')).toBe('vovchansk');
    expect(nameKey("VOVCHANS'K")).toBe('vovchansk');
    expect(nameKey('Sudža')).toBe('sudza');
    expect(nameKey('  Chasiv-Yar ')).toBe('chasiv yar');
    expect(nameKey('Institute for the Study of War (ISW)')).toBe('institute for the study of war isw');
  });

  it('keeps letters of other scripts', () => {
    expect(nameKey('Київ')).toBe('киів');
    expect(nameKey('Курск')).toBe('курск');
  });

  it('gives one key per distinct spelling', () => {
    expect(nameKeys('Avdiivka', ['Avdijivka', 'AVDIIVKA', 'Avdeevka'])).toEqual(['avdiivka', 'avdijivka', 'avdeevka']);
  });
});

describe('resolveName', () => {
  const a = { id: 'actor:a', label: 'Actor', name: 'A' };
  const b = { id: 'actor:b', label: 'Actor', name: 'B' };

  it('finds one entity even when several of its names match', () => {
    expect(resolveName([a, a])).toEqual({ kind: 'found', match: a });
  });

  it('reports none and ambiguous, candidates sorted by id', () => {
    expect(resolveName([])).toEqual({ kind: 'none' });
    expect(resolveName([b, a])).toEqual({ kind: 'ambiguous', candidates: [a, b] });
  });
});
