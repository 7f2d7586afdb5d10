import { describe, expect, it } from 'vitest';
import { GraphValidationError, validateGraph } from '../../src/domain/validate.js';
import { idsByLabel, labelOfId } from '../../src/domain/model.js';
import { fixtureGraph } from '../support/fixture-graph.js';

function problems(mutate: (g: ReturnType<typeof fixtureGraph>) => void): string[] {
  const g = fixtureGraph();
  mutate(g);
  try {
    validateGraph(g);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(GraphValidationError);
    return (e as GraphValidationError).problems;
  }
}

describe('validateGraph', () => {
  it('accepts a consistent graph', () => {
    expect(problems(() => undefined)).toEqual([]);
  });

  it('rejects a quote that is not at its offsets', () => {
    expect(problems((g) => { g.claims[0]!.quoteStart += 1; })).toEqual([
      'claim:isw-sudzha: quote is not found verbatim at 10..38 of source:a',
    ]);
  });

  it('rejects dangling and mistyped references', () => {
    expect(problems((g) => { g.claims[0]!.about.push('place:atlantis'); })).toEqual([
      'claim:isw-sudzha: refers to unknown Place/Actor/Event place:atlantis',
    ]);
    expect(problems((g) => { g.claims[0]!.claimant = 'place:sudzha'; })).toEqual([
      'claim:isw-sudzha: place:sudzha is a Place, expected Actor/Source',
    ]);
    expect(problems((g) => { g.claims[0]!.claimant = 'source:b'; })).toEqual([
      'claim:isw-sudzha: a source can only be the claimant of claims it reports itself',
    ]);
  });

  it('rejects cycles, duplicates, bad enums and bad dates', () => {
    expect(problems((g) => { g.places[1]!.partOf = ['place:sudzha']; })).toEqual([
      'partOf cycle: place:kursk-oblast -> place:sudzha -> place:kursk-oblast',
    ]);
    expect(problems((g) => { g.actors.push({ ...g.actors[0]! }); })).toEqual(['actor:russia: defined twice']);
    expect(problems((g) => { (g.claims[0] as { topic: string }).topic = 'WEATHER'; })[0]).toMatch(/topic "WEATHER" is not one of/);
    expect(problems((g) => { g.claims[0]!.statedAt = { value: '2024-05', precision: 'DAY' }; })).toEqual([
      'claim:isw-sudzha: statedAt {"value":"2024-05","precision":"DAY"} is not a valid partial date',
    ]);
  });

  it('knows a node label from its id', () => {
    expect(labelOfId('place:sudzha')).toBe('Place');
    expect(labelOfId('claim:isw-752km2-2024')).toBe('Claim');
    expect(labelOfId('Place:Sudzha')).toBeNull();
    expect(labelOfId('sudzha')).toBeNull();
  });

  it('groups ids by the label they name, among the labels asked for, in the order given', () => {
    const grouped = idsByLabel(['place:b', 'actor:isw', 'place:a', 'claim:x', 'sudzha', 'Place:C'], ['Place', 'Actor']);
    expect([...grouped]).toEqual([['Place', ['place:b', 'place:a']], ['Actor', ['actor:isw']]]);
  });
});
