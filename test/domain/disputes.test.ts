import { describe, expect, it } from 'vitest';
import { disputes, type Link } from '../../src/domain/disputes.js';
import type { Assertion } from '../../src/domain/model.js';

type Claim = Parameters<typeof disputes>[0][number]['a'];

const captured: Assertion = { predicate: 'CAPTURED', subject: 'place:avdiivka', side: 'actor:russia', holds: true };
const claim = (id: string): Claim => ({
  id, statement: id, stance: 'ASSERTS', quantity: null, period: null, measure: null, assertion: captured, statedAt: null,
});

function corroboration(a: string, b: string, claimants: [string, string], independent: boolean): Link<Claim> {
  return {
    type: 'CORROBORATES', a: claim(a), b: claim(b), claimantA: claimants[0], claimantB: claimants[1], kind: 'CATEGORICAL',
    explanation: '', rule: 'same-assertion', independent, dependence: independent ? null : 'same side',
  };
}

const names = (id: string | null) => ({ 'actor:russia': 'Russia', 'place:avdiivka': 'Avdiivka' })[id ?? ''] ?? 'unspecified';

describe('disputes', () => {
  it('count the independent origins of a position: dependent corroborations and one claimant count once', () => {
    const [dispute] = disputes([
      corroboration('claim:isw', 'claim:article', ['actor:isw', 'source:a'], true),
      corroboration('claim:ukraine', 'claim:syrskyi', ['actor:ukraine', 'actor:syrskyi'], false),
      corroboration('claim:isw', 'claim:ukraine', ['actor:isw', 'actor:ukraine'], true),
      // ISW again, in another report: the same origin as its first claim, though not linked to it.
      corroboration('claim:isw-again', 'claim:syrskyi', ['actor:isw', 'actor:syrskyi'], true),
    ], names);
    expect(dispute).toMatchObject({ topic: 'whether Russia captured Avdiivka', contested: false });
    expect(dispute!.positions).toHaveLength(1);
    expect(dispute!.positions[0]).toMatchObject({ summary: 'yes', independentSources: 3 });
    expect(dispute!.positions[0]!.claims.map((c) => c.id)).toEqual(['claim:article', 'claim:isw', 'claim:isw-again', 'claim:syrskyi', 'claim:ukraine']);
  });

  it('every claimant an origin of its own when every corroboration is independent', () => {
    const [dispute] = disputes([
      corroboration('claim:isw', 'claim:article', ['actor:isw', 'source:a'], true),
      corroboration('claim:kastehelmi', 'claim:article', ['actor:kastehelmi', 'source:a'], true),
    ], names);
    expect(dispute!.positions[0]!.independentSources).toBe(3);
  });
});
