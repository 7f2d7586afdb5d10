/** A small hand-made graph for the store contract: every label, every relationship, known answers. */
import type { ClaimData, GraphData } from '../../src/domain/model.js';

const TEXT_A =
  'ISW said Russian forces reached Sudzha. Belousov claimed 880 square kilometers. The paper says Pokrovsk holds.';
const TEXT_B = 'Syrskyi denied that troops in Kursk were encircled. Ukraine said Vovchansk held.';

function claim(c: Partial<ClaimData> & Pick<ClaimData, 'id' | 'source' | 'claimant' | 'quote' | 'about'>): ClaimData {
  const text = c.source === 'source:a' ? TEXT_A : TEXT_B;
  const start = text.indexOf(c.quote);
  return {
    statement: `Statement of ${c.id}`, topic: 'TERRITORY', stance: 'ASSERTS', hedged: false, statedAt: null, period: null,
    quantity: null, measure: null, assertion: null, quoteStart: start, quoteEnd: start + c.quote.length, ...c,
  };
}

export function fixtureGraph(): GraphData {
  return {
    actors: [
      { id: 'actor:russia', name: 'Russia', kind: 'STATE', aliases: ['Russian Federation'], description: null, memberOf: [] },
      { id: 'actor:ukraine', name: 'Ukraine', kind: 'STATE', aliases: [], description: null, memberOf: [] },
      { id: 'actor:ru-mod', name: 'Russian Ministry of Defence', kind: 'GOVERNMENT_BODY', aliases: ['Ministry of Defence'], description: null, memberOf: ['actor:russia'] },
      { id: 'actor:ua-mod', name: 'Ukrainian Ministry of Defence', kind: 'GOVERNMENT_BODY', aliases: ['Ministry of Defence'], description: null, memberOf: ['actor:ukraine'] },
      {
        id: 'actor:belousov', name: 'Andrey Belousov', kind: 'PERSON', aliases: ['Belousov'], description: 'Defence minister',
        descriptionBasis: { kind: 'REFERENCE', source: null, quote: null }, memberOf: ['actor:ru-mod'],
      },
      { id: 'actor:syrskyi', name: 'Oleksandr Syrskyi', kind: 'PERSON', aliases: ['Syrsky'], description: null, memberOf: ['actor:ukraine'] },
      { id: 'actor:isw', name: 'Institute for the Study of War', kind: 'THINK_TANK', aliases: ['ISW'], description: null, memberOf: [] },
    ],
    places: [
      { id: 'place:russia', name: 'Russia', kind: 'COUNTRY', aliases: [], partOf: [] },
      { id: 'place:kursk-oblast', name: 'Kursk Oblast', kind: 'REGION', aliases: ['Kursk', 'Kursk region'], partOf: ['place:russia'] },
      { id: 'place:sudzha', name: 'Sudzha', kind: 'TOWN', aliases: [], partOf: ['place:kursk-oblast'] },
      { id: 'place:ukraine', name: 'Ukraine', kind: 'COUNTRY', aliases: [], partOf: [] },
      { id: 'place:donbas', name: 'Donbas', kind: 'AREA', aliases: ['Донбас'], partOf: ['place:ukraine'] },
      // Several parents: Donetsk Oblast lies in Ukraine and in Donbas, which lies in Ukraine too.
      { id: 'place:donetsk-oblast', name: 'Donetsk Oblast', kind: 'REGION', aliases: ['Donetsk region'], partOf: ['place:ukraine', 'place:donbas'] },
      { id: 'place:pokrovsk', name: 'Pokrovsk', kind: 'CITY', aliases: [], partOf: ['place:donetsk-oblast'] },
      { id: 'place:vovchansk', name: 'Vovchansk', kind: 'TOWN', aliases: ['Volchansk', "Vovchans'k"], partOf: ['place:ukraine'] },
    ],
    events: [
      {
        id: 'event:kursk-incursion', name: 'Kursk incursion', kind: 'OFFENSIVE', aliases: ['Kursk offensive'], description: null,
        occurredIn: ['place:kursk-oblast'], participants: ['actor:ukraine', 'actor:russia'],
        start: { value: '2024-08', precision: 'MONTH' }, end: null,
      },
    ],
    sources: [
      {
        id: 'source:a', title: 'Paper A', file: null, text: TEXT_A, publisher: 'actor:isw', language: 'en', publishedOn: null,
        description: 'Reports what ISW said', descriptionBasis: { kind: 'ARTICLE', source: 'source:a', quote: 'ISW said' }, shortName: 'Paper A',
      },
      { id: 'source:b', title: 'Paper B', file: null, text: TEXT_B, publisher: null, language: 'en', publishedOn: { value: '2025-03', precision: 'MONTH' }, description: null },
    ],
    claims: [
      claim({
        id: 'claim:isw-sudzha', source: 'source:a', claimant: 'actor:isw', quote: 'Russian forces reached Sudzha',
        about: ['place:sudzha'], statedAt: { value: '2024-05-31', precision: 'DAY' },
      }),
      claim({
        id: 'claim:belousov-880', source: 'source:a', claimant: 'actor:belousov', quote: 'claimed 880 square kilometers',
        about: ['place:kursk-oblast', 'place:sudzha', 'actor:russia'], statedAt: { value: '2024', precision: 'YEAR' },
        period: { start: { value: '2024-01-01', precision: 'DAY' }, end: { value: '2024-04-29', precision: 'DAY' } },
        quantity: { value: 880, unit: 'SQUARE_KILOMETERS', qualifier: 'EXACT', text: '880 square kilometers' },
        measure: { kind: 'TERRITORY_CAPTURED', side: 'actor:russia', place: 'place:ukraine' },
      }),
      claim({
        id: 'claim:paper-pokrovsk', source: 'source:a', claimant: 'source:a', quote: 'Pokrovsk holds',
        about: ['place:pokrovsk'], topic: 'OPERATIONS',
        quantity: { value: 24, unit: 'SQUARE_KILOMETERS', qualifier: 'AT_LEAST', text: 'dozens of square kilometers', vague: true },
      }),
      claim({
        id: 'claim:syrskyi-denies', source: 'source:b', claimant: 'actor:syrskyi', quote: 'denied that troops in Kursk were encircled',
        about: ['place:kursk-oblast', 'event:kursk-incursion'], stance: 'DENIES', topic: 'OPERATIONS',
        assertion: { predicate: 'AT_RISK_OF_ENCIRCLEMENT', subject: 'place:kursk-oblast', side: 'actor:ukraine', holds: true },
        statedAt: { value: '2025-03', precision: 'MONTH' },
      }),
      claim({
        id: 'claim:ukraine-vovchansk', source: 'source:b', claimant: 'actor:ukraine', quote: 'Vovchansk held',
        about: ['place:vovchansk'], hedged: true, statedAt: { value: '2024-05-20', precision: 'DAY' },
        period: { start: { value: '2024-spring', precision: 'SEASON' }, end: { value: '2024-spring', precision: 'SEASON' } },
        refersTo: [{ claim: 'claim:paper-pokrovsk', relation: 'RESTATES', explanation: 'Paper B repeats what Paper A says.' }],
      }),
    ],
    contradictions: [
      { from: 'claim:isw-sudzha', to: 'claim:belousov-880', kind: 'EXPLICIT', explanation: 'ISW says less.', rule: null },
      { from: 'claim:syrskyi-denies', to: 'claim:isw-sudzha', kind: 'DENIAL', explanation: 'A denial.', rule: null },
    ],
    corroborations: [
      { from: 'claim:ukraine-vovchansk', to: 'claim:paper-pokrovsk', kind: 'EXPLICIT', explanation: 'Both say Ukraine holds.', rule: null },
    ],
  };
}
