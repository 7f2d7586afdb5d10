import { describe, expect, it } from 'vitest';
import { displayName } from '../../src/domain/analysis.js';
import { independenceOf, type IndependenceContext, type Origin } from '../../src/domain/independence.js';

const origins: Record<string, Origin> = {
  'claim:ukraine-427000': { claimant: 'actor:ukraine', source: 'source:yle' },
  'claim:syrskyi-420000': { claimant: 'actor:syrskyi', source: 'source:unn' },
  'claim:syrskyi-denial': { claimant: 'actor:syrskyi', source: 'source:kyiv' },
  'claim:isw-102': { claimant: 'actor:isw', source: 'source:unn' },
  'claim:headline-102': { claimant: 'source:kyiv', source: 'source:kyiv' },
  'claim:kastehelmi': { claimant: 'actor:kastehelmi', source: 'source:yle' },
  'claim:belousov': { claimant: 'actor:belousov', source: 'source:unn' },
  'claim:putin': { claimant: 'actor:putin', source: 'source:unn' },
  'claim:unn-article': { claimant: 'source:unn', source: 'source:unn' },
  'claim:unn-other-article': { claimant: 'source:unn-2', source: 'source:unn-2' },
  'claim:unn': { claimant: 'actor:unn', source: 'source:yle' },
  'claim:kremlin-media': { claimant: 'source:tass', source: 'source:tass' },
};

const ctx: IndependenceContext = {
  originOf: new Map(Object.entries(origins)),
  memberOf: new Map([
    ['actor:syrskyi', ['actor:afu']], ['actor:afu', ['actor:ukraine']], ['actor:belousov', ['actor:russian-mod']],
    ['actor:russian-mod', ['actor:russia']], ['actor:putin', ['actor:kremlin']], ['actor:kremlin', ['actor:russia']],
    ['actor:tass', ['actor:russia']],
    // A cycle in the data must not hang the walk.
    ['actor:a', ['actor:b']], ['actor:b', ['actor:a']],
  ]),
  publisherOf: new Map([['source:unn', 'actor:unn'], ['source:unn-2', 'actor:unn'], ['source:tass', 'actor:tass']]),
  restates: new Map([['claim:headline-102', ['claim:isw-102']]]),
  nameOf: new Map([
    ['actor:ukraine', 'Ukraine'], ['actor:syrskyi', 'Oleksandr Syrskyi'], ['actor:afu', 'Armed Forces of Ukraine'], ['actor:isw', 'ISW'],
    ['actor:kastehelmi', 'Emil Kastehelmi'], ['actor:belousov', 'Andrey Belousov'], ['actor:putin', 'Vladimir Putin'],
    ['actor:russia', 'Russia'], ['actor:russian-mod', 'Russian Ministry of Defence'], ['actor:kremlin', 'Kremlin'], ['actor:unn', 'UNN'],
    ['actor:tass', 'TASS'], ['source:kyiv', 'Kyiv Post'], ['source:unn', 'UNN report'], ['source:unn-2', 'UNN interview'], ['source:tass', 'TASS report'],
  ]),
};
const independence = independenceOf(ctx);

describe('independence of corroborating claims', () => {
  it("Ukraine's 427,000 and Syrskyi's 420,000 are one origin: Syrskyi is within Ukraine", () => {
    const expected = {
      independent: false,
      dependence: 'Oleksandr Syrskyi and Ukraine are the same side: Oleksandr Syrskyi is within Ukraine, through Armed Forces of Ukraine.',
    };
    expect(independence('claim:ukraine-427000', 'claim:syrskyi-420000')).toEqual(expected);
    expect(independence('claim:syrskyi-420000', 'claim:ukraine-427000')).toEqual(expected);
  });

  it('two actors within one state are the same side', () => {
    expect(independence('claim:belousov', 'claim:putin')).toEqual({
      independent: false, dependence: 'Andrey Belousov and Vladimir Putin are the same side: both are within Russia.',
    });
  });

  it('one claimant making both claims is one origin', () => {
    expect(independence('claim:syrskyi-420000', 'claim:syrskyi-denial')).toEqual({ independent: false, dependence: 'Oleksandr Syrskyi makes both claims.' });
  });

  it('a claim restating another (its article says so) is no second origin, whichever way the link runs', () => {
    const expected = { independent: false, dependence: 'The claim of the article "Kyiv Post" restates that of ISW, as its article says.' };
    expect(independence('claim:headline-102', 'claim:isw-102')).toEqual(expected);
    expect(independence('claim:isw-102', 'claim:headline-102')).toEqual(expected);
  });

  it('two sources of one publisher, or a source and its publisher, are one organisation', () => {
    expect(independence('claim:unn-article', 'claim:unn-other-article')).toEqual({
      independent: false, dependence: 'The article "UNN report" and the article "UNN interview" are both published by UNN.',
    });
    expect(independence('claim:unn', 'claim:unn-article')).toEqual({ independent: false, dependence: 'The article "UNN report" is published by UNN.' });
  });

  it("a source speaks for its publisher's side", () => {
    expect(independence('claim:kremlin-media', 'claim:putin')).toEqual({
      independent: false,
      dependence: 'The article "TASS report" and Vladimir Putin are the same side: both are within Russia (the article "TASS report" is published by TASS).',
    });
  });

  it('claimants of no common side, publisher or restatement are independent', () => {
    expect(independence('claim:isw-102', 'claim:kastehelmi')).toEqual({ independent: true, dependence: null });
    // ISW's claim is reported in UNN's article; reporting is not restating: the claimant is ISW.
    expect(independence('claim:isw-102', 'claim:unn-article')).toEqual({ independent: true, dependence: null });
    expect(independence('claim:ukraine-427000', 'claim:belousov')).toEqual({ independent: true, dependence: null });
  });

  it('is not assessed when a claim is unknown, and survives a membership cycle', () => {
    expect(independence('claim:isw-102', 'claim:nowhere')).toEqual({ independent: null, dependence: null });
    const cyclic = independenceOf({ ...ctx, originOf: new Map([['claim:x', { claimant: 'actor:a', source: 's' }], ['claim:y', { claimant: 'actor:c', source: 's' }]]) });
    expect(cyclic('claim:x', 'claim:y')).toEqual({ independent: true, dependence: null });
  });
});

describe('display names', () => {
  it('name a source by its short name, and cut a long title to a short name', () => {
    expect(displayName(ctx.nameOf, 'source:kyiv')).toBe('the article "Kyiv Post"');
    const title = 'Recent advances by Russian forces in Kursk challenge Ukrainian defensive positions and threaten territorial negotiations.';
    const named = displayName(new Map([['source:x', title]]), 'source:x');
    expect(named).toBe('the article "Recent advances by Russian forces in Kursk challenge..."');
    expect(named.length).toBeLessThanOrEqual(60 + 'the article ""'.length);
    expect(displayName(ctx.nameOf, null)).toBe('unspecified');
  });
});
