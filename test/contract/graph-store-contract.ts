/**
 * One contract for every GraphStore adapter (Apollo's defineIntegrationTestSuite pattern):
 * kuzu.test.ts runs it always, neo4j.test.ts when NEO4J_URI is set.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_GRAPH as EMPTY, NODE_LABELS, type GraphData, type NodeLabel } from '../../src/domain/model.js';
import type { ClaimRecord, GraphStore, NodeRecord, Prefetch, SubgraphRecord, Walked } from '../../src/store/GraphStore.js';
import { RELATIONSHIPS, type RelType } from '../../src/store/schema.js';
import { StoreNotEmptyError, StoreTimeoutError } from '../../src/store/errors.js';
import { relationshipRows } from '../../src/store/graph-rows.js';
import { fixtureGraph } from '../support/fixture-graph.js';
import { readSeedGraph } from '../../seed/load-seed.js';

const ids = (records: Array<{ id: string } | null>) => records.map((r) => r?.id ?? null);

function idsByLabel(g: GraphData): Array<[NodeLabel, string[]]> {
  return [
    ['Actor', g.actors.map((n) => n.id)], ['Place', g.places.map((n) => n.id)], ['Event', g.events.map((n) => n.id)],
    ['Source', g.sources.map((n) => n.id)], ['Claim', g.claims.map((n) => n.id)],
  ];
}

async function recordsOf(store: GraphStore, g: GraphData): Promise<Array<NodeRecord | null>> {
  const out: Array<NodeRecord | null> = [];
  for (const [label, ids] of idsByLabel(g)) out.push(...(await store.getNodes(label, ids)));
  return out;
}

/**
 * `makeStore` must give an empty store each time it is called. `walksAlong`: whether the store
 * fetches a Prefetch in the statements that read the nodes (PREFETCH), or leaves it to the loaders.
 */
export function defineGraphStoreContract(name: string, makeStore: () => Promise<GraphStore>, { walksAlong = true } = {}): void {
  describe(`GraphStore contract: ${name}`, () => {
    let store: GraphStore;
    const graph = fixtureGraph();

    beforeAll(async () => {
      store = await makeStore();
      await store.init();
      await store.init(); // idempotent
      await store.importGraph(graph);
    });
    afterAll(async () => {
      await store?.close();
    });

    describe('import', () => {
      it('counts every node and relationship of the fixture', async () => {
        const counts = await store.counts();
        expect(counts.nodes).toEqual({ Actor: 7, Place: 8, Event: 1, Source: 2, Claim: 5 });
        expect(counts.relationships).toEqual({
          MADE: 5, REPORTED_IN: 5, ABOUT: 8, CONTRADICTS: 2, CORROBORATES: 1, REFERS_TO: 1, PART_OF: 7, MEMBER_OF: 4,
          OCCURRED_IN: 1, PARTICIPATED_IN: 2, PUBLISHED_BY: 1,
        });
      });

      it('leaves the same counts when the same graph is imported again', async () => {
        const before = await store.counts();
        await store.importGraph(graph);
        expect(await store.counts()).toEqual(before);
      });

      it('writes nothing when an import fails part-way', async () => {
        const before = await store.counts();
        const bad: GraphData = structuredClone(graph);
        bad.actors.push({ id: 'actor:new', name: 'New', kind: 'GROUP', aliases: [], description: null, memberOf: [] });
        bad.claims.push({ ...bad.claims[0]!, id: null as unknown as string });
        await expect(store.importGraph(bad)).rejects.toThrow();
        expect(await store.counts()).toEqual(before);
        expect(await store.getNodes('Actor', ['actor:new'])).toEqual([null]);
        // ...and the rows it touched can be written again (Kuzu keeps them locked without a checkpoint).
        await expect(store.importGraph(graph)).resolves.toBeUndefined();
      });
    });

    describe('derived links', () => {
      it('keeps a stated and a derived link of one pair apart, and replaces derived links on request', async () => {
        const derived = { from: 'claim:isw-sudzha', to: 'claim:belousov-880', kind: 'NUMERIC' as const, explanation: 'Rule says so.', rule: 'cumulative-nested' };
        await store.importGraph({ ...graph, contradictions: [...graph.contradictions, derived] });
        const kinds = async () => (await store.neighbours('Claim.contradicts', ['claim:isw-sudzha'])).get('claim:isw-sudzha')?.map((n) => [n.link?.kind, n.link?.rule]);
        expect(await kinds()).toEqual([['EXPLICIT', null], ['NUMERIC', 'cumulative-nested']]);
        await store.importGraph(graph, { replaceDerivedLinks: true });
        expect(await kinds()).toEqual([['EXPLICIT', null]]);
        expect((await store.counts()).relationships.CONTRADICTS).toBe(2);
      });

      it('reports each link of a pair linked both ways with its own direction', async () => {
        const back = { from: 'claim:belousov-880', to: 'claim:isw-sudzha', kind: 'NUMERIC' as const, explanation: 'Back.', rule: 'r' };
        await store.importGraph({ ...graph, contradictions: [...graph.contradictions, back] });
        const seen = (await store.neighbours('Claim.conflicts', ['claim:isw-sudzha'])).get('claim:isw-sudzha')?.map((n) => [n.node.id, n.link?.kind, n.link?.direction]);
        expect(seen).toEqual([
          ['claim:belousov-880', 'EXPLICIT', 'OUTGOING'],
          ['claim:belousov-880', 'NUMERIC', 'INCOMING'],
          ['claim:syrskyi-denies', 'DENIAL', 'INCOMING'],
        ]);
        await store.importGraph(graph, { replaceDerivedLinks: true });
      });

      it('gives the analysis its comparable claims, the place tree and display names', async () => {
        const input = await store.analysisInput();
        expect(input.claims.map((c) => [c.id, c.claimant, c.source])).toEqual([
          ['claim:belousov-880', 'actor:belousov', 'source:a'],
          ['claim:syrskyi-denies', 'actor:syrskyi', 'source:b'],
        ]);
        expect(input.claims[0]?.measure).toEqual(graph.claims[1]!.measure);
        expect(input.parentOf.get('place:sudzha')).toEqual(['place:kursk-oblast']);
        expect(input.parentOf.size).toBe(6);
        expect(input.parentOf.get('place:donetsk-oblast')).toEqual(['place:donbas', 'place:ukraine']);
        expect(input.nameOf.get('source:a')).toBe('Paper A');
        expect(input.nameOf.get('actor:isw')).toBe('Institute for the Study of War');
      });

      it('gives the independence of corroborations its memberships, publishers, restatements, origins and stated corroborations', async () => {
        const input = await store.analysisInput();
        expect(input.memberOf).toEqual(new Map([
          ['actor:belousov', ['actor:ru-mod']], ['actor:ru-mod', ['actor:russia']], ['actor:syrskyi', ['actor:ukraine']], ['actor:ua-mod', ['actor:ukraine']],
        ]));
        expect(input.publisherOf).toEqual(new Map([['source:a', 'actor:isw']]));
        expect(input.restates).toEqual(new Map([['claim:ukraine-vovchansk', ['claim:paper-pokrovsk']]]));
        expect(input.originOf.size).toBe(5);
        expect(input.originOf.get('claim:paper-pokrovsk')).toEqual({ claimant: 'source:a', source: 'source:a' });
        expect(input.originOf.get('claim:syrskyi-denies')).toEqual({ claimant: 'actor:syrskyi', source: 'source:b' });
        expect(input.statedCorroborations).toEqual([{
          from: 'claim:ukraine-vovchansk', to: 'claim:paper-pokrovsk', kind: 'EXPLICIT', explanation: 'Both say Ukraine holds.', rule: null,
          independent: null, dependence: null,
        }]);
        // A source is named by its short name when it has one, by its title otherwise.
        expect(input.nameOf.get('source:b')).toBe('Paper B');
      });
    });

    describe('nodes', () => {
      it('returns nodes in the order asked, null for unknown ids', async () => {
        const got = await store.getNodes('Place', ['place:sudzha', 'place:nowhere', 'place:kursk-oblast']);
        expect(ids(got)).toEqual(['place:sudzha', null, 'place:kursk-oblast']);
        expect(got[2]).toEqual({ label: 'Place', id: 'place:kursk-oblast', name: 'Kursk Oblast', kind: 'REGION', aliases: ['Kursk', 'Kursk region'], descriptionBasis: null });
      });

      it('round-trips a claim with its dates, period, quantity and measure', async () => {
        const [claim] = await store.getNodes('Claim', ['claim:belousov-880']);
        const expected = graph.claims[1]!;
        expect(claim).toEqual({
          label: 'Claim', id: expected.id, statement: expected.statement, quote: expected.quote,
          quoteStart: expected.quoteStart, quoteEnd: expected.quoteEnd, topic: 'TERRITORY', stance: 'ASSERTS', hedged: false,
          statedAt: { value: '2024', precision: 'YEAR' }, period: expected.period, quantity: { ...expected.quantity!, vague: false },
          measure: expected.measure, assertion: null, rank: 'NORMAL', rankReason: null, claimantId: expected.claimant, sourceId: expected.source, contested: true,
        } satisfies ClaimRecord);
      });

      it('round-trips a vague amount, a season, description bases and a short name', async () => {
        const [pokrovsk, vovchansk] = await store.getNodes('Claim', ['claim:paper-pokrovsk', 'claim:ukraine-vovchansk']);
        expect(pokrovsk?.quantity).toEqual({ value: 24, unit: 'SQUARE_KILOMETERS', qualifier: 'AT_LEAST', text: 'dozens of square kilometers', vague: true });
        expect(vovchansk?.period).toEqual({ start: { value: '2024-spring', precision: 'SEASON' }, end: { value: '2024-spring', precision: 'SEASON' } });
        const [belousov] = await store.getNodes('Actor', ['actor:belousov']);
        expect(belousov?.descriptionBasis).toEqual({ kind: 'REFERENCE', source: null, quote: null });
        const [a] = await store.getNodes('Source', ['source:a']);
        expect(a).toMatchObject({ shortName: 'Paper A', descriptionBasis: { kind: 'ARTICLE', source: 'source:a', quote: 'ISW said' } });
      });

      it('walks the references claims make, both ways', async () => {
        const out = await store.neighbours('Claim.refersTo', ['claim:ukraine-vovchansk']);
        expect(out.get('claim:ukraine-vovchansk')?.map((n) => [n.node.id, n.link?.kind, n.link?.explanation])).toEqual([
          ['claim:paper-pokrovsk', 'RESTATES', 'Paper B repeats what Paper A says.'],
        ]);
        expect((await store.neighbours('Claim.referredBy', ['claim:paper-pokrovsk'])).get('claim:paper-pokrovsk')?.map((n) => n.node.id)).toEqual(['claim:ukraine-vovchansk']);
      });

      it('round-trips a categorical assertion', async () => {
        const [claim] = await store.getNodes('Claim', ['claim:syrskyi-denies']);
        expect(claim?.assertion).toEqual({ predicate: 'AT_RISK_OF_ENCIRCLEMENT', subject: 'place:kursk-oblast', side: 'actor:ukraine', holds: true });
      });

      it('round-trips sources and events with their partial dates', async () => {
        const [b] = await store.getNodes('Source', ['source:b']);
        expect(b).toMatchObject({ title: 'Paper B', publishedOn: { value: '2025-03', precision: 'MONTH' }, file: null });
        const [e] = await store.getNodes('Event', ['event:kursk-incursion']);
        expect(e).toMatchObject({ start: { value: '2024-08', precision: 'MONTH' }, end: null, aliases: ['Kursk offensive'] });
      });

      it("leaves a source's text out of lookups and walks, and reads it apart", async () => {
        const [a] = await store.getNodes('Source', ['source:a']);
        expect(a).toMatchObject({ id: 'source:a', title: 'Paper A', shortName: 'Paper A', language: 'en' });
        expect(a).not.toHaveProperty('text');
        const walked = await store.neighbours('Claim.claimant', ['claim:paper-pokrovsk']);
        expect(walked.get('claim:paper-pokrovsk')?.[0]?.node).toMatchObject({ id: 'source:a', title: 'Paper A' });
        expect(walked.get('claim:paper-pokrovsk')?.[0]?.node).not.toHaveProperty('text');
        const texts = await store.sourceTexts(['source:a', 'source:b', 'source:none']);
        expect([...texts.keys()].sort()).toEqual(['source:a', 'source:b']);
        expect(texts.get('source:a')).toBe(fixtureGraph().sources.find((s) => s.id === 'source:a')!.text);
      });

      it('finds nodes by name keys across labels, every key in one call', async () => {
        const found = await store.findByNameKeys(['Place', 'Actor', 'Event'], ['russia', 'atlantis', 'vovchansk']);
        expect([...found.keys()]).toEqual(['russia', 'atlantis', 'vovchansk']);
        expect(ids(found.get('russia')!)).toEqual(['actor:russia', 'place:russia']);
        expect(found.get('atlantis')).toEqual([]);
        expect(ids(found.get('vovchansk')!)).toEqual(['place:vovchansk']);
        expect(ids((await store.findByNameKeys(['Actor'], ['ministry of defence'])).get('ministry of defence')!)).toEqual(['actor:ru-mod', 'actor:ua-mod']);
        expect((await store.findByNameKeys(['Place'], [])).size).toBe(0);
      });

      it('indexes the names of the labels asked for, each node with its keys', async () => {
        const places = await store.nameIndex(['Place']);
        expect(places).toHaveLength(8);
        expect(places.find((p) => p.id === 'place:kursk-oblast')).toEqual({ id: 'place:kursk-oblast', label: 'Place', name: 'Kursk Oblast', keys: ['kursk oblast', 'kursk', 'kursk region'] });
        const claimants = await store.nameIndex(['Actor', 'Source']);
        expect(claimants.map((n) => n.id)).toEqual([...claimants.map((n) => n.id)].sort());
        expect(claimants.find((n) => n.id === 'source:a')).toEqual({ id: 'source:a', label: 'Source', name: 'Paper A', keys: ['paper a'] });
        expect(await store.nameIndex([])).toEqual([]);
      });

      it('lists nodes by name with a total, page by page', async () => {
        const first = await store.listNodes('Place', { offset: 0, limit: 3 });
        expect(first.total).toBe(8);
        expect(first.items.map((p) => p.name)).toEqual(['Donbas', 'Donetsk Oblast', 'Kursk Oblast']);
        const last = await store.listNodes('Place', { offset: 7, limit: 3 });
        expect(last.items.map((p) => p.name)).toEqual(['Vovchansk']);
      });
    });

    describe('neighbours', () => {
      it('walks claimants of either label', async () => {
        const m = await store.neighbours('Claim.claimant', ['claim:paper-pokrovsk', 'claim:isw-sudzha']);
        expect(m.get('claim:paper-pokrovsk')?.map((n) => n.node.id)).toEqual(['source:a']);
        expect(m.get('claim:isw-sudzha')?.map((n) => n.node.label)).toEqual(['Actor']);
      });

      it('walks about to places, actors and events', async () => {
        const m = await store.neighbours('Claim.about', ['claim:belousov-880', 'claim:syrskyi-denies']);
        expect(m.get('claim:belousov-880')?.map((n) => n.node.id)).toEqual(['actor:russia', 'place:kursk-oblast', 'place:sudzha']);
        expect(m.get('claim:syrskyi-denies')?.map((n) => n.node.id)).toEqual(['event:kursk-incursion', 'place:kursk-oblast']);
      });

      it('walks contradictions one way or both, with the link and its direction', async () => {
        const out = await store.neighbours('Claim.contradicts', ['claim:isw-sudzha']);
        expect(out.get('claim:isw-sudzha')?.map((n) => n.node.id)).toEqual(['claim:belousov-880']);
        const both = await store.neighbours('Claim.conflicts', ['claim:isw-sudzha', 'claim:belousov-880']);
        expect(both.get('claim:isw-sudzha')).toEqual([
          { node: expect.objectContaining({ id: 'claim:belousov-880' }), link: { kind: 'EXPLICIT', explanation: 'ISW says less.', rule: null, direction: 'OUTGOING', independent: null, dependence: null } },
          { node: expect.objectContaining({ id: 'claim:syrskyi-denies' }), link: { kind: 'DENIAL', explanation: 'A denial.', rule: null, direction: 'INCOMING', independent: null, dependence: null } },
        ]);
        expect(both.get('claim:belousov-880')?.map((n) => [n.node.id, n.link?.direction])).toEqual([['claim:isw-sudzha', 'INCOMING']]);
      });

      it('keeps on every claim the ids of its claimant and source, as MADE and REPORTED_IN say', async () => {
        const ids = graph.claims.map((c) => c.id);
        const [claims, claimants, sources] = await Promise.all([
          store.getNodes('Claim', ids), store.neighbours('Claim.claimant', ids), store.neighbours('Claim.source', ids),
        ]);
        expect(claims.map((c) => [c?.claimantId, c?.sourceId])).toEqual(ids.map((id) => [claimants.get(id)?.[0]?.node.id, sources.get(id)?.[0]?.node.id]));
        expect(claims.map((c) => c?.claimantId)).toEqual(graph.claims.map((c) => c.claimant));
      });

      it('keeps on every claim whether a CONTRADICTS joins it', async () => {
        const ids = graph.claims.map((c) => c.id);
        const [claims, conflicts] = await Promise.all([store.getNodes('Claim', ids), store.neighbours('Claim.conflicts', ids)]);
        expect(claims.map((c) => c?.contested)).toEqual(ids.map((id) => (conflicts.get(id)?.length ?? 0) > 0));
        expect(claims.map((c) => c?.contested)).toContain(false);
      });

      it('marks both claims of a CONTRADICTS a write creates contested (then rolls back)', async () => {
        const quiet = graph.claims.map((c) => c.id).filter((id) => !graph.contradictions.some((l) => l.from === id || l.to === id));
        const [a, b] = quiet;
        const rollBack = new Error('roll back');
        let seen: unknown;
        await expect(store.transact(async (tx) => {
          const added = { ...graph.claims.find((c) => c.id === a)!, id: 'claim:added-quiet', refersTo: [] };
          await tx.insert({ actors: [], places: [], events: [], sources: [], claims: [added], contradictions: [], corroborations: [] });
          await tx.writeLinks([{ type: 'CONTRADICTS', from: a!, to: b!, kind: 'EXPLICIT', explanation: 'test', rule: null, independent: null, dependence: null }]);
          seen = (await tx.getNodes('Claim', [a!, b!])).map((c) => c?.contested);
          throw rollBack;
        })).rejects.toBe(rollBack);
        expect(seen).toEqual([true, true]);
        expect((await store.getNodes('Claim', [a!, b!])).map((c) => c?.contested)).toEqual([false, false]);
      });

      it("moves a merged actor's claims, and their claimant's id, to the actor it is merged into (then rolls back)", async () => {
        const rollBack = new Error('roll back');
        let seen: unknown;
        await expect(store.transact(async (tx) => {
          await tx.moveActor('actor:isw', 'actor:russia');
          seen = (await tx.getNodes('Claim', ['claim:isw-sudzha']))[0]?.claimantId;
          throw rollBack;
        })).rejects.toBe(rollBack);
        expect(seen).toBe('actor:russia');
        expect((await store.getNodes('Claim', ['claim:isw-sudzha']))[0]?.claimantId).toBe('actor:isw');
      });

      it('walks hierarchies both ways', async () => {
        expect((await store.neighbours('Actor.memberOf', ['actor:belousov'])).get('actor:belousov')?.map((n) => n.node.id)).toEqual(['actor:ru-mod']);
        expect((await store.neighbours('Actor.members', ['actor:ukraine'])).get('actor:ukraine')?.map((n) => n.node.id)).toEqual(['actor:syrskyi', 'actor:ua-mod']);
        expect((await store.neighbours('Place.parts', ['place:kursk-oblast'])).get('place:kursk-oblast')?.map((n) => n.node.id)).toEqual(['place:sudzha']);
        expect((await store.neighbours('Place.partOf', ['place:sudzha'])).get('place:sudzha')?.map((n) => n.node.id)).toEqual(['place:kursk-oblast']);
        expect((await store.neighbours('Event.participants', ['event:kursk-incursion'])).get('event:kursk-incursion')?.map((n) => n.node.id)).toEqual(['actor:russia', 'actor:ukraine']);
        expect((await store.neighbours('Source.publisher', ['source:a', 'source:b'])).get('source:b')).toBeUndefined();
        expect((await store.neighbours('Actor.published', ['actor:isw'])).get('actor:isw')?.map((n) => n.node.id)).toEqual(['source:a']);
        expect((await store.neighbours('Place.events', ['place:kursk-oblast'])).get('place:kursk-oblast')?.map((n) => n.node.id)).toEqual(['event:kursk-incursion']);
      });
    });

    describe('subgraph', () => {
      const all = Object.keys(RELATIONSHIPS) as RelType[];
      const edgeIds = (g: SubgraphRecord) => g.edges.map((e) => e.id);

      it('walks every relationship type both ways, keeping each edge in its stored direction, with the links among the last hop', async () => {
        const g = await store.subgraph({ ids: ['place:sudzha'], depth: 1, types: all, limit: 100 });
        expect(g.nodes.map((n) => n.id)).toEqual(['place:sudzha', 'claim:belousov-880', 'claim:isw-sudzha', 'place:kursk-oblast']);
        expect(edgeIds(g)).toEqual([
          'ABOUT:claim:belousov-880->place:kursk-oblast',
          'ABOUT:claim:belousov-880->place:sudzha',
          'ABOUT:claim:isw-sudzha->place:sudzha',
          'CONTRADICTS:claim:isw-sudzha->claim:belousov-880:EXPLICIT',
          'PART_OF:place:sudzha->place:kursk-oblast',
        ]);
        expect(g.edges.find((e) => e.type === 'CONTRADICTS')).toEqual({
          id: 'CONTRADICTS:claim:isw-sudzha->claim:belousov-880:EXPLICIT', type: 'CONTRADICTS', source: 'claim:isw-sudzha', target: 'claim:belousov-880',
          kind: 'EXPLICIT', explanation: 'ISW says less.', rule: null, independent: null, dependence: null,
        });
        expect(g.edges.find((e) => e.type === 'PART_OF')).toMatchObject({ kind: null, explanation: null });
        expect(g.truncated).toBe(false);
      });

      it('follows only the relationship types asked for, hop by hop', async () => {
        const g = await store.subgraph({ ids: ['actor:belousov'], depth: 2, types: ['MEMBER_OF'], limit: 100 });
        expect(g.nodes.map((n) => [n.label, n.id])).toEqual([['Actor', 'actor:belousov'], ['Actor', 'actor:ru-mod'], ['Actor', 'actor:russia']]);
        expect(edgeIds(g)).toEqual(['MEMBER_OF:actor:belousov->actor:ru-mod', 'MEMBER_OF:actor:ru-mod->actor:russia']);
        const one = await store.subgraph({ ids: ['actor:belousov'], depth: 1, types: ['MEMBER_OF'], limit: 100 });
        expect(one.nodes.map((n) => n.id)).toEqual(['actor:belousov', 'actor:ru-mod']);
      });

      it('starts from several nodes, and leaves out unknown ones', async () => {
        const g = await store.subgraph({ ids: ['claim:ukraine-vovchansk', 'claim:paper-pokrovsk', 'claim:nobody'], depth: 1, types: ['CORROBORATES'], limit: 100 });
        expect(g.nodes.map((n) => n.id)).toEqual(['claim:ukraine-vovchansk', 'claim:paper-pokrovsk']);
        expect(g.edges).toEqual([expect.objectContaining({ source: 'claim:ukraine-vovchansk', target: 'claim:paper-pokrovsk', kind: 'EXPLICIT' })]);
      });

      it('stops at the limit and says so, with only edges between the nodes returned', async () => {
        const g = await store.subgraph({ ids: ['place:sudzha'], depth: 3, types: all, limit: 3 });
        expect(g.nodes.map((n) => n.id)).toEqual(['place:sudzha', 'claim:belousov-880', 'claim:isw-sudzha']);
        expect(g.truncated).toBe(true);
        const kept = new Set(g.nodes.map((n) => n.id));
        for (const e of g.edges) expect(kept.has(e.source) && kept.has(e.target)).toBe(true);
        const whole = await store.subgraph({ ids: ['place:sudzha'], depth: 3, types: all, limit: 1000 });
        expect(whole.truncated).toBe(false);
        expect(whole.nodes.length).toBeGreaterThan(3);
      });

      it('returns at most maxEdges relationships, those nearest the start, and says so', async () => {
        const whole = await store.subgraph({ ids: ['place:sudzha'], depth: 2, types: all, limit: 1000 });
        expect(whole.edges.length).toBeGreaterThan(2);
        const cut = await store.subgraph({ ids: ['place:sudzha'], depth: 2, types: all, limit: 1000, maxEdges: 2 });
        expect(cut.edges).toHaveLength(2);
        expect(cut.truncated).toBe(true);
        expect(cut.nodes).toEqual(whole.nodes);
        // The first hop's relationships touch Sudzha itself.
        for (const e of cut.edges) expect([e.source, e.target]).toContain('place:sudzha');
      });
    });

    describe('relationships (export pages)', () => {
      it('pages through every relationship of a type in its stored direction, by source, target and kind, none twice', async () => {
        const counts = await store.counts();
        for (const type of Object.keys(RELATIONSHIPS) as RelType[]) {
          const seen: string[] = [];
          for (let offset = 0, more = true; more; offset += 2) {
            const page = await store.relationships(type, { offset, limit: 2, count: offset === 0 });
            if (offset === 0) expect(page.total).toBe(counts.relationships[type]);
            else expect(page.total).toBeNull();
            seen.push(...page.items.map((e) => e.id));
            more = page.hasMore;
          }
          expect(new Set(seen).size, type).toBe(counts.relationships[type]);
          const whole = await store.relationships(type, { offset: 0, limit: 1000 });
          expect(whole.items.map((e) => e.id)).toEqual(seen);
          expect(whole.hasMore).toBe(false);
        }
      });

      it("carries a link's properties, as subgraph does", async () => {
        const page = await store.relationships('CONTRADICTS', { offset: 0, limit: 10, count: false });
        expect(page.items).toContainEqual({
          id: 'CONTRADICTS:claim:isw-sudzha->claim:belousov-880:EXPLICIT', type: 'CONTRADICTS', source: 'claim:isw-sudzha', target: 'claim:belousov-880',
          kind: 'EXPLICIT', explanation: 'ISW says less.', rule: null, independent: null, dependence: null,
        });
        const made = await store.relationships('MADE', { offset: 0, limit: 100 });
        expect(made.items.map((e) => e.source)).toContain('actor:isw');
        expect(made.items.every((e) => e.type === 'MADE' && e.kind === null && e.target.startsWith('claim:'))).toBe(true);
      });
    });

    describe('claims', () => {
      const all = { offset: 0, limit: 100 };
      const claimIds = async (criteria: Parameters<GraphStore['findClaims']>[0], order: 'STATED_DESC' | 'STATED_ASC' = 'STATED_DESC') =>
        (await store.findClaims(criteria, order, all)).items.map((c) => c.id);

      it('orders by stated date, unknown dates last, in either direction', async () => {
        expect(await claimIds({})).toEqual(['claim:syrskyi-denies', 'claim:isw-sudzha', 'claim:ukraine-vovchansk', 'claim:belousov-880', 'claim:paper-pokrovsk']);
        expect(await claimIds({}, 'STATED_ASC')).toEqual(['claim:belousov-880', 'claim:ukraine-vovchansk', 'claim:isw-sudzha', 'claim:syrskyi-denies', 'claim:paper-pokrovsk']);
      });

      it('includes claims about places inside the place asked about', async () => {
        expect(await claimIds({ about: [{ label: 'Place', id: 'place:russia' }] })).toEqual(['claim:syrskyi-denies', 'claim:isw-sudzha', 'claim:belousov-880']);
        // belousov-880 is about Kursk Oblast and Sudzha, both inside Russia: counted once.
        expect((await store.findClaims({ about: [{ label: 'Place', id: 'place:russia' }] }, 'STATED_DESC', all)).total).toBe(3);
        expect(await claimIds({ about: [{ label: 'Place', id: 'place:sudzha' }] })).toEqual(['claim:isw-sudzha', 'claim:belousov-880']);
        expect(await claimIds({ about: [{ label: 'Actor', id: 'actor:russia' }] })).toEqual(['claim:belousov-880']);
        expect(await claimIds({ about: [{ label: 'Event', id: 'event:kursk-incursion' }] })).toEqual(['claim:syrskyi-denies']);
        // Pokrovsk lies in Ukraine through Donetsk Oblast directly and through Donbas: found, once, both ways.
        expect(await claimIds({ about: [{ label: 'Place', id: 'place:donbas' }] })).toEqual(['claim:paper-pokrovsk']);
        expect((await store.findClaims({ about: [{ label: 'Place', id: 'place:ukraine' }] }, 'STATED_DESC', all)).total).toBe(2);
        // "Russia" the country and "Russia" the state at once.
        expect(await claimIds({ about: [{ label: 'Place', id: 'place:sudzha' }, { label: 'Actor', id: 'actor:russia' }, { label: 'Event', id: 'event:kursk-incursion' }] }))
          .toEqual(['claim:syrskyi-denies', 'claim:isw-sudzha', 'claim:belousov-880']);
      });

      it('filters by claimant, source, topic, stated range and contestedness', async () => {
        expect(await claimIds({ claimantIds: ['actor:isw', 'source:a'] })).toEqual(['claim:isw-sudzha', 'claim:paper-pokrovsk']);
        expect(await claimIds({ sourceIds: ['source:b'] })).toEqual(['claim:syrskyi-denies', 'claim:ukraine-vovchansk']);
        expect(await claimIds({ topics: ['OPERATIONS'] })).toEqual(['claim:syrskyi-denies', 'claim:paper-pokrovsk']);
        // A claim stated "in 2024" may have been stated in May 2024: imprecise dates overlapping the range count.
        expect(await claimIds({ stated: { from: '2024-05-01', to: '2024-05-31' } })).toEqual(['claim:isw-sudzha', 'claim:ukraine-vovchansk', 'claim:belousov-880']);
        expect(await claimIds({ stated: { from: '2025-01-01', to: null } })).toEqual(['claim:syrskyi-denies']);
        expect(await claimIds({ contested: true })).toEqual(['claim:syrskyi-denies', 'claim:isw-sudzha', 'claim:belousov-880']);
        expect(await claimIds({ contested: false })).toEqual(['claim:ukraine-vovchansk', 'claim:paper-pokrovsk']);
        expect(await claimIds({ about: [{ label: 'Place', id: 'place:russia' }], claimantIds: ['actor:belousov'], contested: true })).toEqual(['claim:belousov-880']);
        // Plain and subquery conditions with parameters together (a Kuzu binder pitfall).
        expect(await claimIds({
          topics: ['TERRITORY'], claimantIds: ['actor:isw', 'actor:belousov'], stated: { from: '2024-05-01', to: null },
          about: [{ label: 'Place', id: 'place:russia' }],
        })).toEqual(['claim:isw-sudzha', 'claim:belousov-880']);
      });

      it('filters by the period a claim is about, open bounds reaching the edge of time', async () => {
        // belousov-880 is about 1 January to 29 April 2024; ukraine-vovchansk about spring 2024 (March to May).
        expect(await claimIds({ period: { from: '2024-04-15', to: '2024-04-20' } })).toEqual(['claim:ukraine-vovchansk', 'claim:belousov-880']);
        expect(await claimIds({ period: { from: '2024-05-01', to: null } })).toEqual(['claim:ukraine-vovchansk']);
        expect(await claimIds({ period: { from: null, to: '2024-02-01' } })).toEqual(['claim:belousov-880']);
        expect(await claimIds({ period: { from: '2025-01-01', to: null } })).toEqual([]);
      });

      it('counts claims per statement-date bucket and side, a coarser date whole, undated as null', async () => {
        const key = (r: { bucket: string | null; side: string | null }) => `${r.bucket ?? '~'}|${r.side ?? '~'}`;
        const sorted = (rows: Awaited<ReturnType<GraphStore['timeline']>>) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : 1));
        expect(sorted(await store.timeline({}, 'MONTH', 'STATED'))).toEqual(sorted([
          { bucket: '2024', side: 'actor:russia', claims: 1, contested: 1 },
          { bucket: '2024-05', side: 'actor:ukraine', claims: 1, contested: 0 },
          { bucket: '2024-05', side: null, claims: 1, contested: 1 },
          { bucket: '2025-03', side: 'actor:ukraine', claims: 1, contested: 1 },
          { bucket: null, side: null, claims: 1, contested: 0 },
        ]));
        expect(sorted(await store.timeline({ about: [{ label: 'Place', id: 'place:ukraine' }] }, 'YEAR', 'STATED'))).toEqual(sorted([
          { bucket: '2024', side: 'actor:ukraine', claims: 1, contested: 0 },
          { bucket: null, side: null, claims: 1, contested: 0 },
        ]));
        expect(await store.timeline({}, 'DAY', 'STATED')).toContainEqual({ bucket: '2024-05-31', side: null, claims: 1, contested: 1 });
      });

      it('counts claims by the start of the period they describe, a season whole', async () => {
        const rows = await store.timeline({}, 'MONTH', 'PERIOD');
        expect(rows.filter((r) => r.bucket !== null).sort((a, b) => (a.bucket! < b.bucket! ? -1 : 1))).toEqual([
          { bucket: '2024-01', side: 'actor:russia', claims: 1, contested: 1 },
          { bucket: '2024-spring', side: 'actor:ukraine', claims: 1, contested: 0 },
        ]);
        expect(rows.filter((r) => r.bucket === null).reduce((n, r) => n + r.claims, 0)).toBe(3);
      });

      it('pages with a total', async () => {
        const page = await store.findClaims({}, 'STATED_DESC', { offset: 1, limit: 2 });
        expect(page.total).toBe(5);
        expect(page.items.map((c) => c.id)).toEqual(['claim:isw-sudzha', 'claim:ukraine-vovchansk']);
        expect((await store.findClaims({}, 'STATED_DESC', { offset: 10, limit: 2 })).items).toEqual([]);
      });

      it('leaves deprecated claims out of default pages and totals, and lists them by rank', async () => {
        const all = (await store.findClaims({}, 'STATED_DESC', { offset: 0, limit: 10 })).items.map((c) => c.id);
        expect(all).toHaveLength(5);
        const gone = all[1]!;
        await store.importGraph({ ...graph, claims: graph.claims.map((c) => (c.id === gone ? { ...c, rank: 'DEPRECATED' as const, rankReason: 'x' } : c)) });
        try {
          const kept = all.filter((id) => id !== gone);
          const first = await store.findClaims({}, 'STATED_DESC', { offset: 0, limit: 2 });
          expect(first).toMatchObject({ total: 4, hasMore: true });
          expect(first.items.map((c) => c.id)).toEqual(kept.slice(0, 2));
          const last = await store.findClaims({}, 'STATED_DESC', { offset: 2, limit: 2, count: false });
          expect(last).toMatchObject({ total: null, hasMore: false });
          expect(last.items.map((c) => c.id)).toEqual(kept.slice(2, 4));
          expect((await store.findClaims({ ranks: ['DEPRECATED'] }, 'STATED_DESC', { offset: 0, limit: 10 })).items.map((c) => c.id)).toEqual([gone]);
          expect((await store.findClaims({ ranks: ['PREFERRED', 'NORMAL', 'DEPRECATED'] }, 'STATED_DESC', { offset: 0, limit: 10 })).total).toBe(5);
          const about = await store.findClaims({ about: [{ label: 'Place', id: 'place:russia' }] }, 'STATED_DESC', { offset: 0, limit: 10 });
          expect(about.items.map((c) => c.id)).not.toContain(gone);
        } finally {
          await store.importGraph(graph);
        }
      });

      it('pages claims per anchor in one call, every anchor present', async () => {
        const about = await store.findClaimsFor('aboutPlace', ['place:kursk-oblast', 'place:ukraine', 'place:russia'], {}, 'STATED_DESC', { offset: 0, limit: 2 });
        expect([...about.keys()]).toEqual(['place:kursk-oblast', 'place:ukraine', 'place:russia']);
        expect(about.get('place:russia')).toEqual({ total: 3, hasMore: true, items: [expect.objectContaining({ id: 'claim:syrskyi-denies' }), expect.objectContaining({ id: 'claim:isw-sudzha' })] });
        expect(about.get('place:ukraine')?.items.map((c) => c.id)).toEqual(['claim:ukraine-vovchansk', 'claim:paper-pokrovsk']);
        const made = await store.findClaimsFor('madeBy', ['actor:isw', 'source:a', 'actor:russia'], {}, 'STATED_DESC', { offset: 0, limit: 10 });
        expect(made.get('source:a')?.items.map((c) => c.id)).toEqual(['claim:paper-pokrovsk']);
        expect(made.get('actor:russia')).toEqual({ total: 0, items: [], hasMore: false });
        const reported = await store.findClaimsFor('reportedIn', ['source:b', 'source:a'], { topics: ['OPERATIONS'], claimantIds: ['actor:syrskyi', 'source:a'] }, 'STATED_DESC', { offset: 0, limit: 10 });
        expect(reported.get('source:b')?.items.map((c) => c.id)).toEqual(['claim:syrskyi-denies']);
        expect(reported.get('source:a')?.items.map((c) => c.id)).toEqual(['claim:paper-pokrovsk']);
        const aboutActor = await store.findClaimsFor('aboutActor', ['actor:russia'], {}, 'STATED_DESC', { offset: 0, limit: 10 });
        expect(aboutActor.get('actor:russia')?.total).toBe(1);
        const aboutEvent = await store.findClaimsFor('aboutEvent', ['event:kursk-incursion'], {}, 'STATED_DESC', { offset: 0, limit: 10 });
        expect(aboutEvent.get('event:kursk-incursion')?.total).toBe(1);
      });
      it('pages each anchor in the database: a later page, an empty one, and the last', async () => {
        const second = await store.findClaimsFor('aboutPlace', ['place:russia', 'place:ukraine'], {}, 'STATED_DESC', { offset: 1, limit: 1 });
        expect(second.get('place:russia')).toMatchObject({ total: 3, hasMore: true, items: [{ id: 'claim:isw-sudzha' }] });
        expect(second.get('place:ukraine')).toMatchObject({ total: 2, hasMore: false, items: [{ id: 'claim:paper-pokrovsk' }] });
        const past = await store.findClaimsFor('aboutPlace', ['place:russia'], {}, 'STATED_DESC', { offset: 5, limit: 2 });
        expect(past.get('place:russia')).toEqual({ total: 3, items: [], hasMore: false });
        const none = await store.findClaimsFor('aboutPlace', ['place:russia'], {}, 'STATED_ASC', { offset: 0, limit: 0 });
        expect(none.get('place:russia')).toEqual({ total: 3, items: [], hasMore: true });
      });

      describe.runIf(!walksAlong)('walks left to the loaders', () => {
        it('finds the same pages and nodes, and walks nothing', async () => {
          const walk = { along: { 'Claim.claimant': {}, 'Claim.source': {} } as Prefetch, into: new Map() as Walked };
          const anchors = ['place:kursk-oblast', 'place:russia'];
          expect(await store.findClaimsFor('aboutPlace', anchors, {}, 'STATED_DESC', { offset: 0, limit: 10 }, walk))
            .toEqual(await store.findClaimsFor('aboutPlace', anchors, {}, 'STATED_DESC', { offset: 0, limit: 10 }));
          expect(await store.findClaims({}, 'STATED_DESC', { offset: 0, limit: 4 }, walk)).toEqual(await store.findClaims({}, 'STATED_DESC', { offset: 0, limit: 4 }));
          expect(await store.getNodes('Claim', ['claim:isw-sudzha'], walk)).toEqual(await store.getNodes('Claim', ['claim:isw-sudzha']));
          expect(walk.into.size).toBe(0);
        });
      });

      describe.runIf(walksAlong)('walks: relationship fields read along with the nodes', () => {
        // Eight stages (a walk both ways is two), as many as one statement takes (walks.ts MAX_STAGES).
        const along: Prefetch = {
          'Claim.claimant': {},
          'Claim.source': { 'Source.publisher': {} },
          'Claim.conflicts': { 'Claim.claimant': {}, 'Claim.corroborations': {} },
        };

        /** Every list walked is what neighbours() finds for that node, in its order; returns the edges walked. */
        async function expectAsNeighbours(walked: Walked): Promise<string[]> {
          for (const [edge, byId] of walked) {
            const direct = await store.neighbours(edge, [...byId.keys()]);
            for (const [id, list] of byId) expect(list, `${edge} of ${id}`).toEqual(direct.get(id) ?? []);
          }
          return [...walked.keys()].sort();
        }

        it('finds, with pages of claims per anchor, what neighbours() finds, nested, for every node walked from', async () => {
          const walk = { along, into: new Map() as Walked };
          const anchors = ['place:kursk-oblast', 'place:ukraine', 'place:russia'];
          const pages = await store.findClaimsFor('aboutPlace', anchors, {}, 'STATED_DESC', { offset: 0, limit: 10 }, walk);
          expect(pages).toEqual(await store.findClaimsFor('aboutPlace', anchors, {}, 'STATED_DESC', { offset: 0, limit: 10 }));
          expect(await expectAsNeighbours(walk.into)).toEqual(['Claim.claimant', 'Claim.conflicts', 'Claim.corroborations', 'Claim.source', 'Source.publisher']);
          const claims = [...new Set([...pages.values()].flatMap((p) => p.items.map((c) => c.id)))].sort();
          expect([...walk.into.get('Claim.source')!.keys()].sort()).toEqual(claims);
          // The claims that contradict the page's claims are walked from too, for their claimants.
          const conflicting = [...walk.into.get('Claim.conflicts')!.values()].flat().map((n) => n.node.id);
          expect(conflicting.length).toBeGreaterThan(0);
          for (const id of conflicting) expect(walk.into.get('Claim.claimant')!.has(id)).toBe(true);
          // A link both ways is two neighbours, each with its own direction.
          const both = [...walk.into.get('Claim.conflicts')!.values()].find((l) => new Set(l.map((n) => n.link?.direction)).size === 2);
          expect(both).toBeDefined();
        });

        it('keeps totals and empty pages as without a walk', async () => {
          const walk = { along, into: new Map() as Walked };
          const past = await store.findClaimsFor('aboutPlace', ['place:russia', 'place:nowhere'], {}, 'STATED_DESC', { offset: 5, limit: 2 }, walk);
          expect(past.get('place:russia')).toEqual({ total: 3, items: [], hasMore: false });
          expect(past.get('place:nowhere')).toEqual({ total: 0, items: [], hasMore: false });
          expect(walk.into.get('Claim.claimant')?.size ?? 0).toBe(0);
        });

        it('finds the same along a page of claims and along nodes by id, unknown ids left out', async () => {
          const walk = { along, into: new Map() as Walked };
          const page = await store.findClaims({}, 'STATED_DESC', { offset: 0, limit: 4 }, walk);
          expect(page).toEqual(await store.findClaims({}, 'STATED_DESC', { offset: 0, limit: 4 }));
          await expectAsNeighbours(walk.into);
          expect([...walk.into.get('Claim.claimant')!.keys()]).toEqual(expect.arrayContaining(page.items.map((c) => c.id)));
          const byId = { along: { 'Place.parts': { 'Place.parts': {}, 'Place.events': {} }, 'Place.partOf': {} } as Prefetch, into: new Map() as Walked };
          const nodes = await store.getNodes('Place', ['place:kursk-oblast', 'place:nowhere', 'place:ukraine'], byId);
          expect(ids(nodes)).toEqual(['place:kursk-oblast', null, 'place:ukraine']);
          expect(nodes).toEqual(await store.getNodes('Place', ['place:kursk-oblast', 'place:nowhere', 'place:ukraine']));
          expect(await expectAsNeighbours(byId.into)).toEqual(['Place.events', 'Place.partOf', 'Place.parts']);
          expect(byId.into.get('Place.parts')!.get('place:kursk-oblast')!.map((n) => n.node.id)).toContain('place:sudzha');
          expect(byId.into.get('Place.parts')!.has('place:sudzha')).toBe(true);
          expect(byId.into.get('Place.partOf')!.has('place:nowhere')).toBe(false);
          const claims = { along: { 'Claim.about': {}, 'Claim.refersTo': {}, 'Claim.referredBy': {}, 'Claim.contradicts': {} } as Prefetch, into: new Map() as Walked };
          await store.getNodes('Claim', graph.claims.map((c) => c.id), claims);
          expect(await expectAsNeighbours(claims.into)).toEqual(['Claim.about', 'Claim.contradicts', 'Claim.referredBy', 'Claim.refersTo']);
          expect([...claims.into.get('Claim.about')!.values()].flat().map((n) => n.node.label)).toEqual(expect.arrayContaining(['Place', 'Actor', 'Event']));
        });
      });

      it('counts only when asked, and still says whether more follow', async () => {
        const page = await store.findClaims({}, 'STATED_DESC', { offset: 3, limit: 1, count: false });
        expect(page).toMatchObject({ total: null, hasMore: true, items: [{ id: 'claim:belousov-880' }] });
        expect(await store.findClaims({}, 'STATED_DESC', { offset: 4, limit: 1, count: false })).toMatchObject({ total: null, hasMore: false });
        expect(await store.listNodes('Place', { offset: 0, limit: 8, count: false })).toMatchObject({ total: null, hasMore: false });
        expect(await store.listNodes('Place', { offset: 0, limit: 7 })).toMatchObject({ total: 8, hasMore: true });
      });
    });

    describe('search', () => {
      it('ranks nodes by their full-text index, stems words, pages, and counts when asked', async () => {
        const hits = await store.search('denial encircled', ['Claim'], { offset: 0, limit: 10 });
        expect(hits.items.map((h) => h.node.id)).toEqual(['claim:syrskyi-denies']);
        expect(hits.total).toBe(1);
        expect(hits.items[0]!.score).toBeGreaterThan(0);
        const sudzha = await store.search('Sudzha', ['Place', 'Claim'], { offset: 0, limit: 10 });
        expect(sudzha.items.map((h) => h.node.id).sort()).toEqual(['claim:isw-sudzha', 'place:sudzha']);
        const first = await store.search('Sudzha', ['Place', 'Claim'], { offset: 0, limit: 1, count: false });
        expect(first).toMatchObject({ total: null, hasMore: true });
        const second = await store.search('Sudzha', ['Place', 'Claim'], { offset: 1, limit: 1 });
        expect([first.items[0]!.node.id, second.items[0]!.node.id].sort()).toEqual(['claim:isw-sudzha', 'place:sudzha']);
        expect(second).toMatchObject({ total: 2, hasMore: false });
      });

      it('finds nothing for words no index holds, or for Lucene syntax typed as words', async () => {
        expect(await store.search('atlantis', ['Claim', 'Place', 'Actor', 'Event', 'Source'], { offset: 0, limit: 5 })).toEqual({ total: 0, items: [], hasMore: false });
        expect((await store.search('"unbalanced (quote AND', ['Claim'], { offset: 0, limit: 5 })).items).toEqual([]);
        expect(await store.search('   ', ['Claim'], { offset: 0, limit: 5 })).toEqual({ total: 0, items: [], hasMore: false });
      });
    });

    describe('paths', () => {
      const request = { from: 'actor:belousov', to: 'actor:isw', maxLength: 4, types: ['MADE', 'CONTRADICTS'] as const, first: 5 };

      it('finds the shortest paths by the engine\'s search, relationships in their stored direction', async () => {
        const paths = await store.paths(request);
        expect(paths.map((p) => p.nodes.map((n) => n.id))).toEqual([['actor:belousov', 'claim:belousov-880', 'claim:isw-sudzha', 'actor:isw']]);
        expect(paths[0]!.edges.map((e) => [e.id, e.kind])).toEqual([
          ['MADE:actor:belousov->claim:belousov-880', null],
          ['CONTRADICTS:claim:isw-sudzha->claim:belousov-880:EXPLICIT', 'EXPLICIT'],
          ['MADE:actor:isw->claim:isw-sudzha', null],
        ]);
      });

      it('follows the shortest with longer paths when fewer than first, shortest first, no node twice', async () => {
        const paths = await store.paths({ ...request, types: ['MADE', 'CONTRADICTS', 'ABOUT'] });
        const lengths = paths.map((p) => p.edges.length);
        expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
        expect(new Set(lengths).size).toBeGreaterThan(1);
        expect(paths.length).toBeLessThanOrEqual(request.first);
        for (const p of paths) {
          const ids = p.nodes.map((n) => n.id);
          expect([ids[0], ids.at(-1)]).toEqual(['actor:belousov', 'actor:isw']);
          expect(new Set(ids).size).toBe(ids.length);
          expect(p.edges).toHaveLength(ids.length - 1);
          expect(p.edges.length).toBeLessThanOrEqual(request.maxLength);
        }
        expect(await store.paths({ ...request, types: ['MADE', 'CONTRADICTS', 'ABOUT'], first: 1 })).toHaveLength(1);
      });

      it('finds none too long, over other relationships, or from an unknown node', async () => {
        expect(await store.paths({ ...request, maxLength: 2 })).toEqual([]);
        expect(await store.paths({ ...request, types: ['MADE'] })).toEqual([]);
        expect(await store.paths({ ...request, from: 'actor:nobody' })).toEqual([]);
      });
    });

    describe('links and sides', () => {
      it('lists links with both claims and claimants, filtered by either end', async () => {
        const all = await store.findLinks('CONTRADICTS', {});
        expect(all.map((l) => [l.a.id, l.b.id, l.claimantA, l.claimantB, l.kind])).toEqual([
          ['claim:isw-sudzha', 'claim:belousov-880', 'actor:isw', 'actor:belousov', 'EXPLICIT'],
          ['claim:syrskyi-denies', 'claim:isw-sudzha', 'actor:syrskyi', 'actor:isw', 'DENIAL'],
        ]);
        expect(all[0]?.explanation).toBe('ISW says less.');
        const ids = async (c: Parameters<GraphStore['findLinks']>[1]) => (await store.findLinks('CONTRADICTS', c)).map((l) => l.a.id);
        expect(await ids({ between: [['actor:belousov'], ['actor:isw']] })).toEqual(['claim:isw-sudzha']);
        expect(await ids({ about: [{ label: 'Event', id: 'event:kursk-incursion' }] })).toEqual(['claim:syrskyi-denies']);
        expect(await ids({ about: [{ label: 'Place', id: 'place:russia' }], topics: ['OPERATIONS'], stated: { from: '2025-01-01', to: null } })).toEqual(['claim:syrskyi-denies']);
        expect(await ids({ between: [['actor:russia'], ['actor:ukraine']] })).toEqual([]);
        expect((await store.findLinks('CORROBORATES', {})).map((l) => l.kind)).toEqual(['EXPLICIT']);
      });

      it('pages linked pairs, each pair once with all its links, newest statement first', async () => {
        const derived = { from: 'claim:belousov-880', to: 'claim:isw-sudzha', kind: 'NUMERIC' as const, explanation: 'Back.', rule: 'r' };
        // Importing twice first lays the links out as a store that has been written to for a while:
        // there Kuzu 0.11 garbled the rows of a WHERE on a CASE expression (docs/store.md).
        await store.importGraph(graph);
        await store.importGraph({ ...graph, contradictions: [...graph.contradictions, derived] });
        try {
          const all = await store.findPairs('CONTRADICTS', {}, { offset: 0, limit: 10 });
          expect(all.total).toBe(2);
          expect(all.hasMore).toBe(false);
          expect(all.items.map((links) => links.map((l) => [l.a.id, l.b.id, l.kind]))).toEqual([
            [['claim:syrskyi-denies', 'claim:isw-sudzha', 'DENIAL']],
            [['claim:belousov-880', 'claim:isw-sudzha', 'NUMERIC'], ['claim:isw-sudzha', 'claim:belousov-880', 'EXPLICIT']],
          ]);
          const second = await store.findPairs('CONTRADICTS', {}, { offset: 1, limit: 1, count: false });
          expect(second).toMatchObject({ total: null, hasMore: false });
          expect(second.items.map((links) => links.length)).toEqual([2]);
          expect((await store.findPairs('CONTRADICTS', { between: [['actor:belousov'], ['actor:isw']] }, { offset: 0, limit: 1 })).total).toBe(1);
        } finally {
          await store.importGraph(graph, { replaceDerivedLinks: true });
        }
      });

      it('knows who belongs to whom, and which state an actor belongs to', async () => {
        const members = await store.membersOf(['actor:russia', 'actor:isw']);
        expect(members.get('actor:russia')).toEqual(['actor:belousov', 'actor:ru-mod', 'actor:russia']);
        expect(members.get('actor:isw')).toEqual(['actor:isw']);
        const states = await store.statesOf(['actor:belousov', 'actor:ukraine', 'actor:isw']);
        expect(states.get('actor:belousov')?.id).toBe('actor:russia');
        expect(states.get('actor:ukraine')?.id).toBe('actor:ukraine');
        expect(states.has('actor:isw')).toBe(false);
      });
    });

    it('cuts a request view off at its deadline, leaving the store itself as it was', async () => {
      const late = store.withDeadline(Date.now() - 1);
      await expect(late.findClaims({}, 'STATED_DESC', { offset: 0, limit: 5 })).rejects.toBeInstanceOf(StoreTimeoutError);
      await expect(late.neighbours('Claim.claimant', ['claim:isw-sudzha'])).rejects.toBeInstanceOf(StoreTimeoutError);
      const inTime = store.withDeadline(Date.now() + 60_000);
      expect((await inTime.findClaims({}, 'STATED_DESC', { offset: 0, limit: 5 })).items).toHaveLength(5);
      expect((await store.findClaims({}, 'STATED_DESC', { offset: 0, limit: 5 })).items).toHaveLength(5);
    });

    it('answers a ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('reads inside a write each claim the write added as itself (then rolls back with the write)', async () => {
      const added = graph.claims.slice(0, 3).map((c, i) => ({ ...c, id: `claim:added-${i}`, statement: `added ${i}`, refersTo: [] }));
      const rollBack = new Error('roll back');
      let seen: unknown;
      await expect(store.transact(async (tx) => {
        await tx.insert({ actors: [], places: [], events: [], sources: [], claims: added, contradictions: [], corroborations: [] });
        const nodes = await tx.getNodes('Claim', [...added.map((c) => c.id), graph.claims[0]!.id]);
        const withRelations = await tx.claimsWithRelations(added.map((c) => c.id));
        const kinds = [...new Set(added.flatMap((c) => (c.measure ? [{ kind: c.measure.kind, side: null }] : [])))];
        const analysed = (await tx.analysisInput({ measures: kinds, subjects: [] })).claims.map((c) => c.id).filter((id) => id.startsWith('claim:added-'));
        seen = { nodes: nodes.map((n) => [n?.id, n?.statement]), withRelations: withRelations.map((c) => [c.id, c.statement, c.claimant, c.about]), analysed };
        throw rollBack;
      })).rejects.toBe(rollBack);
      expect(seen).toEqual({
        nodes: [...added.map((c) => [c.id, c.statement]), [graph.claims[0]!.id, graph.claims[0]!.statement]],
        withRelations: added.map((c) => [c.id, c.statement, c.claimant, [...c.about].sort()]),
        analysed: added.filter((c) => c.measure).map((c) => c.id),
      });
      expect(await store.getNodes('Claim', ['claim:added-0'])).toEqual([null]);
    });
  });

  describe(`GraphStore contract, bulk load: ${name}`, () => {
    let store: GraphStore;
    const seed = readSeedGraph();
    const emptyCounts = Object.fromEntries(NODE_LABELS.map((l) => [l, 0]));
    // What importGraph stores for the seed graph, for the bulk load to be compared with.
    let importedSeed: Array<NodeRecord | null> = [];

    beforeAll(async () => {
      const imported = await makeStore();
      try {
        await imported.init();
        await imported.importGraph(seed);
        importedSeed = await recordsOf(imported, seed);
      } finally {
        await imported.close();
      }
    });
    // Each test starts from an empty store of its own, so any one runs alone or in any order.
    beforeEach(async () => {
      store = await makeStore();
      await store.init();
    });
    afterEach(async () => {
      await store?.close();
    });

    it('empties the store again when a load fails part-way', async () => {
      const bad: GraphData = structuredClone(seed);
      // The claims come last: actors, places, events and sources are already in when this fails.
      (bad.claims.at(-1) as unknown as Record<string, unknown>).quoteStart = { not: 'a number' };
      await expect(store.bulkLoad(bad)).rejects.toThrow();
      expect((await store.counts()).nodes).toEqual(emptyCounts);
    });

    it('imports the seed graph, and importing it again changes nothing', async () => {
      await store.importGraph(seed);
      const once = await store.counts();
      await store.importGraph(seed);
      expect(await store.counts()).toEqual(once);
      const claims = await store.getNodes('Claim', seed.claims.map((c) => c.id));
      expect(claims.filter((c) => c === null)).toEqual([]);
      expect(claims.map((c) => c!.quote)).toEqual(seed.claims.map((c) => c.quote));
    });

    it('stores the same nodes as importGraph, and every relationship', async () => {
      await store.bulkLoad(seed);
      expect(importedSeed).toHaveLength(seed.actors.length + seed.places.length + seed.events.length + seed.sources.length + seed.claims.length);
      expect(await recordsOf(store, seed)).toEqual(importedSeed);
      const expected: Record<string, number> = {};
      for (const r of relationshipRows(seed)) expected[r.type] = (expected[r.type] ?? 0) + 1;
      expected.CONTRADICTS = seed.contradictions.length;
      expected.CORROBORATES = seed.corroborations.length;
      expected.REFERS_TO = seed.claims.reduce((n, c) => n + (c.refersTo?.length ?? 0), 0);
      expect(expected.REFERS_TO).toBeGreaterThan(0);
      const counts = await store.counts();
      expect(counts.relationships).toEqual({ ...Object.fromEntries(Object.keys(counts.relationships).map((k) => [k, 0])), ...expected });
      const about = await store.neighbours('Claim.about', seed.claims.map((c) => c.id));
      for (const c of seed.claims) expect((about.get(c.id) ?? []).map((n) => n.node.id).sort()).toEqual([...c.about].sort());
      const links = await store.findLinks('CONTRADICTS', {});
      expect(links.map((l) => [l.a.id, l.b.id, l.kind, l.explanation, l.rule]).sort()).toEqual(
        seed.contradictions.map((l) => [l.from, l.to, l.kind, l.explanation, l.rule]).sort(),
      );
    });

    it('finds every node by each of its name keys after a load, an import and writes that alias, rename and merge', async () => {
      const labels = ['Actor', 'Place', 'Event', 'Source'] as const;
      /** Each key the nodes hold, and the nodes holding it, as findByNameKeys answers and as the nodes themselves say. */
      const keyed = async () => {
        const said = new Map<string, string[]>();
        for (const n of await store.nameIndex([...labels])) for (const k of n.keys) said.set(k, [...(said.get(k) ?? []), n.id].sort());
        const found = await store.findByNameKeys([...labels], [...said.keys()]);
        return { said: [...said].sort(), found: [...found].map(([k, nodes]) => [k, ids(nodes)]).sort() };
      };
      const lookup = async (key: string) => ids((await store.findByNameKeys([...labels], [key])).get(key)!);
      const fixture = fixtureGraph();
      await store.bulkLoad(fixture);
      let now = await keyed();
      expect(now.said.length).toBeGreaterThan(15);
      expect(now.found).toEqual(now.said);
      expect(await lookup('kursk')).toEqual(['place:kursk-oblast']);

      const kursk = fixture.places.find((p) => p.id === 'place:kursk-oblast')!;
      const isw = fixture.actors.find((a) => a.id === 'actor:isw')!;
      const russia = fixture.actors.find((a) => a.id === 'actor:russia')!;
      await store.transact(async (tx) => {
        await tx.upsert({ ...EMPTY, places: [{ ...kursk, name: 'Kursk Region', aliases: ['Kurshchyna'] }] });
        await tx.moveActor(isw.id, russia.id);
        await tx.upsert({ ...EMPTY, actors: [{ ...russia, aliases: [...russia.aliases, isw.name] }, { ...isw, mergedInto: russia.id }] });
      });
      now = await keyed();
      expect(now.found).toEqual(now.said);
      expect(await lookup('kursk')).toEqual([]);
      expect(await lookup('kursk oblast')).toEqual([]);
      expect(await lookup('kurshchyna')).toEqual(['place:kursk-oblast']);
      expect(await lookup('kursk region')).toEqual(['place:kursk-oblast']);
      expect(await lookup(isw.name.toLowerCase())).toEqual(['actor:russia']);

      await store.importGraph(fixture);
      now = await keyed();
      expect(now.found).toEqual(now.said);
      expect(await lookup('kursk')).toEqual(['place:kursk-oblast']);
    });

    it('refuses a store that holds nodes, and writes nothing', async () => {
      await store.bulkLoad(fixtureGraph());
      const before = await store.counts();
      await expect(store.bulkLoad(seed)).rejects.toBeInstanceOf(StoreNotEmptyError);
      expect(await store.counts()).toEqual(before);
    });
  });
}
