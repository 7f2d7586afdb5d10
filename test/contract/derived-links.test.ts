/**
 * Derived links stay consistent as claims are added and changed: after every ingest, the links stored
 * with a rule are exactly what the rules compute afresh over the whole stored graph, and every
 * corroboration, derived or stated, carries the independence assessed afresh.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deriveLinks } from '../../src/domain/analysis.js';
import { independenceOf } from '../../src/domain/independence.js';
import type { ClaimData, GraphData } from '../../src/domain/model.js';
import { ingestGraph } from '../../src/ingest.js';
import type { GraphStore } from '../../src/store/GraphStore.js';
import { openKuzuStore } from '../../src/store/createStore.js';
import { fixtureGraph } from '../support/fixture-graph.js';
import { tempDir } from '../support/temp.js';

const TOLERANCE = 0.05;
const year = { start: { value: '2024', precision: 'YEAR' as const }, end: { value: '2024', precision: 'YEAR' as const } };

function withIswFigure(value: number): GraphData {
  const g = fixtureGraph();
  const template = g.claims[1]!;
  const isw: ClaimData = {
    ...template, id: 'claim:isw-figure', claimant: 'actor:isw', statedAt: { value: '2024-05-31', precision: 'DAY' },
    period: { start: { value: '2024', precision: 'YEAR' }, end: { value: '2024-05-31', precision: 'DAY' } },
    quantity: { value, unit: 'SQUARE_KILOMETERS', qualifier: 'APPROXIMATELY', text: `about ${value} square kilometers` },
  };
  g.claims.push(isw);
  return g;
}

/**
 * The fixture with corroborations of every kind: Ukraine's and Syrskyi's losses (one side), ISW's and
 * Paper B's "Russia captured Pokrovsk" (independent), and a stated corroboration between Syrskyi
 * and the British Ministry of Defence, independent until the ministry is said to be within Ukraine.
 */
function withCorroborations(ukMinistryWithinUkraine = false): GraphData {
  const g = fixtureGraph();
  const base = g.claims[3]!; // Syrskyi's denial, in Paper B
  const losses = (id: string, claimant: string, value: number, qualifier: 'EXACT' | 'MORE_THAN'): ClaimData => ({
    ...base, id, claimant, stance: 'ASSERTS', topic: 'CASUALTIES', assertion: null, statedAt: null, period: year,
    quantity: { value, unit: 'PEOPLE', qualifier, text: String(value) },
    measure: { kind: 'PERSONNEL_LOSSES', side: 'actor:russia', place: null },
  });
  const captured = (id: string, claimant: string, source: string): ClaimData => ({
    ...g.claims[source === 'source:a' ? 0 : 3]!, id, claimant, source, stance: 'ASSERTS', statedAt: null, period: year,
    assertion: { predicate: 'CAPTURED', subject: 'place:pokrovsk', side: 'actor:russia', holds: true },
  });
  g.sources[1] = { ...g.sources[1]!, title: 'Syrskyi denied that troops in Kursk were encircled, and Ukraine said Vovchansk held', shortName: 'Paper B' };
  g.actors.push({ id: 'actor:uk-mod', name: 'British Ministry of Defence', kind: 'GOVERNMENT_BODY', aliases: [], description: null, memberOf: [] });
  if (ukMinistryWithinUkraine) g.actors.at(-1)!.memberOf = ['actor:ukraine'];
  g.claims.push(
    losses('claim:ukraine-427000', 'actor:ukraine', 427000, 'EXACT'), losses('claim:syrskyi-420000', 'actor:syrskyi', 420000, 'MORE_THAN'),
    captured('claim:isw-pokrovsk', 'actor:isw', 'source:a'), captured('claim:paper-b-pokrovsk', 'source:b', 'source:b'),
    { ...base, id: 'claim:uk-mod-kursk', claimant: 'actor:uk-mod', stance: 'ASSERTS', assertion: null },
  );
  g.corroborations.push({ from: 'claim:uk-mod-kursk', to: 'claim:syrskyi-denies', kind: 'EXPLICIT', explanation: 'Both say so.', rule: null });
  return g;
}

/** Every derived link, and every corroboration, as stored. */
async function stored(store: GraphStore) {
  const rows = [...(await store.findLinks('CONTRADICTS', {})).map((l) => ({ ...l, type: 'CONTRADICTS' })),
    ...(await store.findLinks('CORROBORATES', {})).map((l) => ({ ...l, type: 'CORROBORATES' }))];
  return rows.filter((l) => l.rule !== null || l.type === 'CORROBORATES')
    .map((l) => [l.type, l.a.id, l.b.id, l.kind, l.rule, l.explanation, l.independent, l.dependence]).sort();
}

/** The same, computed afresh from what the store holds. */
async function recomputed(store: GraphStore) {
  const input = await store.analysisInput();
  const independence = independenceOf(input);
  const assessed = (type: string, from: string, to: string) =>
    (type === 'CORROBORATES' ? independence(from, to) : { independent: null, dependence: null });
  return [
    ...deriveLinks(input.claims, { tolerance: TOLERANCE, parentOf: input.parentOf, nameOf: input.nameOf }).map((l) => ({ ...l, ...assessed(l.type, l.from, l.to) })),
    ...input.statedCorroborations.map((l) => ({ ...l, type: 'CORROBORATES', ...independence(l.from, l.to) })),
  ].map((l) => [l.type, l.from, l.to, l.kind, l.rule, l.explanation, l.independent, l.dependence]).sort();
}

describe('derived links', () => {
  let store: GraphStore;
  // Each test starts from an empty store of its own, so any one runs alone or in any order.
  beforeEach(async () => {
    store = await openKuzuStore({ dataDir: tempDir('derived'), bufferPoolMb: 128, queryTimeoutMs: 10_000, maxSizeGib: 1 });
    await store.init();
  });
  afterEach(async () => {
    await store?.close();
  });

  it('are written when claims are loaded', async () => {
    await ingestGraph(store, withIswFigure(752), { tolerance: TOLERANCE });
    const links = await stored(store);
    expect(links.filter((l) => l[4] !== null).map((l) => l.slice(0, 5))).toEqual([['CONTRADICTS', 'claim:isw-figure', 'claim:belousov-880', 'NUMERIC', 'cumulative-nested']]);
    expect(links).toEqual(await recomputed(store));
  });

  it('are replaced, never left stale, when a claim changes', async () => {
    await ingestGraph(store, withIswFigure(752), { tolerance: TOLERANCE });
    expect((await stored(store)).filter((l) => l[4] !== null)).toHaveLength(1);
    await ingestGraph(store, withIswFigure(1000), { tolerance: TOLERANCE });
    expect((await stored(store)).filter((l) => l[4] !== null)).toEqual([]);
    expect(await stored(store)).toEqual(await recomputed(store));
    // Source-stated links are untouched by recomputation.
    expect((await store.findLinks('CONTRADICTS', {})).filter((l) => l.rule === null)).toHaveLength(2);
  });

  it('equal a fresh recomputation after loading the same graph again', async () => {
    await ingestGraph(store, withIswFigure(752), { tolerance: TOLERANCE });
    await ingestGraph(store, withIswFigure(752), { tolerance: TOLERANCE });
    const links = await stored(store);
    expect(links.filter((l) => l[4] !== null)).toHaveLength(1);
    expect(links).toEqual(await recomputed(store));
  });

  it('mark every corroboration, derived or stated, independent or not, with the reason', async () => {
    await ingestGraph(store, withCorroborations(), { tolerance: TOLERANCE });
    const links = await stored(store);
    expect(links).toEqual(await recomputed(store));
    const corroborations = links.filter((l) => l[0] === 'CORROBORATES').map(([, a, b, kind, rule, , independent, dependence]) => [a, b, kind, rule, independent, dependence]);
    expect(corroborations).toEqual([
      ['claim:isw-pokrovsk', 'claim:paper-b-pokrovsk', 'CATEGORICAL', 'same-assertion', true, null],
      ['claim:syrskyi-420000', 'claim:ukraine-427000', 'NUMERIC', 'same-scope-overlap', false,
        'Oleksandr Syrskyi and Ukraine are the same side: Oleksandr Syrskyi is within Ukraine.'],
      ['claim:uk-mod-kursk', 'claim:syrskyi-denies', 'EXPLICIT', null, true, null],
      ['claim:ukraine-vovchansk', 'claim:paper-pokrovsk', 'EXPLICIT', null, false, 'The claim of Ukraine restates that of the article "Paper A", as its article says.'],
    ]);
    // Paper B speaks in its own voice under its short name, not its title.
    expect(links.find((l) => l[4] === 'same-assertion')?.[5]).toContain('According to the article "Paper B", Russia captured Pokrovsk (in 2024)');
  });

  it("re-assess a stored stated corroboration when a later graph changes a claimant's memberships", async () => {
    await ingestGraph(store, withCorroborations(), { tolerance: TOLERANCE });
    expect((await stored(store)).find((l) => l[1] === 'claim:uk-mod-kursk')?.slice(6)).toEqual([true, null]);
    const g = withCorroborations(true);
    await ingestGraph(store, { ...g, places: [], events: [], sources: [], claims: [], contradictions: [], corroborations: [], actors: g.actors.filter((a) => a.id === 'actor:uk-mod' || a.id === 'actor:ukraine') }, { tolerance: TOLERANCE });
    const links = await stored(store);
    expect(links).toEqual(await recomputed(store));
    expect(links.find((l) => l[1] === 'claim:uk-mod-kursk')?.slice(6)).toEqual([
      false, 'British Ministry of Defence and Oleksandr Syrskyi are the same side: both are within Ukraine.',
    ]);
  });
});
