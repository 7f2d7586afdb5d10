/** The seed graph is the project's reference data: these tests prove its integrity. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labelOfId, SHORT_NAME_LENGTH, type DescriptionBasis } from '../../src/domain/model.js';
import { nameKey, nameKeys } from '../../src/domain/names.js';
import { openKuzuStore } from '../../src/store/createStore.js';
import type { GraphStore } from '../../src/store/GraphStore.js';
import { readSeedGraph, SEED_DIR } from '../../seed/load-seed.js';
import { tempDir } from '../support/temp.js';

const graph = readSeedGraph();

describe('the seed graph', () => {
  it('ships the five corpus articles, byte for byte', () => {
    const articles = path.join(SEED_DIR, 'articles');
    const files = fs.readdirSync(articles).filter((f) => f.endsWith('.txt')).sort();
    expect(files).toHaveLength(5);
    expect(graph.sources.map((s) => s.file).sort()).toEqual(files);
    // The names end in an id that is not a hash of the text, so the folder carries a manifest
    // (`sha256sum -c SHA256SUMS` checks it too); a changed byte in an article fails here.
    const manifest = fs.readFileSync(path.join(articles, 'SHA256SUMS'), 'utf8').trimEnd().split('\n').map((line) => {
      const [, sum, file] = /^([0-9a-f]{64}) [ *](.+)$/.exec(line) ?? [];
      return { file, sum };
    });
    expect(manifest.map((m) => m.file)).toEqual(files);
    for (const { file, sum } of manifest) {
      expect(createHash('sha256').update(fs.readFileSync(path.join(articles, file!))).digest('hex'), file).toBe(sum);
    }
    // Where the corpus as it was delivered sits beside the repository, compare with it as well.
    const shared = path.resolve(SEED_DIR, '../../shared/seeds');
    if (fs.existsSync(shared)) {
      for (const f of files) expect(fs.readFileSync(path.join(articles, f)).equals(fs.readFileSync(path.join(shared, f))), f).toBe(true);
    }
  });

  it('quotes every claim verbatim at its offsets in its source text', () => {
    const texts = new Map(graph.sources.map((s) => [s.id, s.text]));
    for (const c of graph.claims) {
      const text = texts.get(c.source)!;
      expect(text.slice(c.quoteStart, c.quoteEnd), c.id).toBe(c.quote);
      expect(c.quote.length, c.id).toBeGreaterThan(8);
    }
  });

  it('resolves every reference', () => {
    const ids = new Set([...graph.actors, ...graph.places, ...graph.events, ...graph.sources, ...graph.claims].map((n) => n.id));
    const refs = [
      ...graph.claims.flatMap((c) => [c.source, c.claimant, ...c.about, c.measure?.side, c.measure?.place]),
      ...graph.actors.flatMap((a) => a.memberOf),
      ...graph.places.flatMap((p) => p.partOf),
      ...graph.events.flatMap((e) => [...e.occurredIn, ...e.participants]),
      ...graph.sources.map((s) => s.publisher),
      ...[...graph.contradictions, ...graph.corroborations].flatMap((l) => [l.from, l.to]),
      ...graph.claims.flatMap((c) => (c.refersTo ?? []).map((r) => r.claim)),
      ...[...graph.actors, ...graph.places, ...graph.events, ...graph.sources].map((n) => n.descriptionBasis?.source),
    ].filter((r): r is string => typeof r === 'string');
    expect(refs.filter((r) => !ids.has(r))).toEqual([]);
  });

  it('covers every article with at least 45 claims in all', () => {
    expect(graph.claims.length).toBeGreaterThanOrEqual(45);
    for (const s of graph.sources) expect(graph.claims.filter((c) => c.source === s.id).length, s.id).toBeGreaterThanOrEqual(4);
  });

  it('has the actors, places and hierarchy the claims need', () => {
    const actor = (id: string) => graph.actors.find((a) => a.id === id);
    const place = (id: string) => graph.places.find((p) => p.id === id);
    for (const id of ['actor:russia', 'actor:ukraine', 'actor:isw', 'actor:syrskyi', 'actor:belousov']) expect(actor(id), id).toBeDefined();
    expect(place('place:sudzha')?.partOf).toContain('place:kursk-oblast');
    expect(place('place:kursk-oblast')?.partOf).toContain('place:russia');
    expect(place('place:pokrovsk')?.partOf).toContain('place:donetsk-oblast');
    expect(place('place:donetsk-oblast')?.partOf).toContain('place:ukraine');
    const chain = (id: string): string[] => {
      const a = actor(id);
      return a ? [id, ...a.memberOf.flatMap(chain)] : [];
    };
    expect(chain('actor:syrskyi')).toContain('actor:ukraine');
    expect(chain('actor:belousov')).toContain('actor:russia');
  });

  it('records the conflicts the articles state as EXPLICIT contradictions', () => {
    const explicit = graph.contradictions.filter((l) => l.kind === 'EXPLICIT');
    const pair = (a: string, b: string) => explicit.find((l) => (l.from === a && l.to === b) || (l.from === b && l.to === a));
    expect(pair('claim:isw-752km2-2024', 'claim:belousov-880km2-jan-apr-2024')?.explanation).toMatch(/752/);
    expect(pair('claim:syrskyi-denies-encirclement-kursk', 'claim:encirclement-risk-kursk')?.explanation).toMatch(/encircle/i);
    const denial = graph.claims.find((c) => c.id === 'claim:syrskyi-denies-encirclement-kursk');
    expect(denial).toMatchObject({ claimant: 'actor:syrskyi', stance: 'DENIES' });
  });

  it('never dates a claim more precisely than its text allows', () => {
    // Article 004 never states a year; none of its claims may carry one.
    const source004 = graph.sources.find((s) => s.file?.startsWith('004_'))!;
    expect(graph.claims.filter((c) => c.source === source004.id && (c.statedAt !== null || c.period !== null)).map((c) => c.id)).toEqual([]);
    // Sources carry no invented publication dates; only UNN is named as a publisher in the texts.
    expect(graph.sources.filter((s) => s.publishedOn !== null)).toEqual([]);
    expect(graph.sources.filter((s) => s.publisher !== null).map((s) => s.publisher)).toEqual(['actor:unn']);
  });

  it('gives a source as claimant only of its own claims', () => {
    for (const c of graph.claims) if (labelOfId(c.claimant) === 'Source') expect(c.claimant, c.id).toBe(c.source);
  });
});

const byId = <T extends { id: string }>(items: readonly T[], id: string): T => {
  const found = items.find((x) => x.id === id);
  if (!found) throw new Error(`no ${id} in the seed graph`);
  return found;
};
const CYRILLIC = /\p{Script=Cyrillic}/u;

describe('the seed graph, reviewed as an analyst would (issue 10)', () => {
  it('has no actor made of a translation artefact: "SODAN" in article 004 is Finnish for "of the war"', () => {
    expect(graph.actors.map((a) => a.id)).not.toContain('actor:sodan');
    expect(graph.actors.filter((a) => nameKeys(a.name, a.aliases).includes('sodan'))).toEqual([]);
  });

  it('says where every description, every place and every membership comes from; an ARTICLE basis quotes its source verbatim', () => {
    const texts = new Map(graph.sources.map((s) => [s.id, s.text]));
    const described: Array<{ id: string; description?: string | null; descriptionBasis?: DescriptionBasis | null }> = [
      ...graph.actors, ...graph.events, ...graph.sources,
    ];
    expect(described.filter((n) => n.description && !n.descriptionBasis).map((n) => n.id)).toEqual([]);
    // Memberships decide whether two claims are independent: each says where it comes from too.
    expect(graph.actors.filter((a) => a.memberOf.length > 0 && !a.descriptionBasis).map((a) => a.id)).toEqual([]);
    expect(graph.places.filter((p) => !p.descriptionBasis).map((p) => p.id)).toEqual([]);
    for (const n of [...described, ...graph.places]) {
      const b = n.descriptionBasis;
      if (b?.kind !== 'ARTICLE') continue;
      expect(texts.get(b.source!), n.id).toContain(b.quote);
    }
    // A source's description is the curators' summary, and says so.
    for (const s of graph.sources) expect(s.descriptionBasis?.kind, s.id).toBe('EDITORIAL');
    expect(byId(graph.actors, 'actor:syrskyi').descriptionBasis).toMatchObject({ kind: 'ARTICLE', source: 'source:002-every-kilometer-102-soldiers' });
    // Nothing the articles do not say: no outlet guessed from the translation, no nationality.
    const words = [...graph.sources.map((s) => s.description), byId(graph.actors, 'actor:kastehelmi').description].join(' ');
    expect(words).not.toMatch(/Nordic|Finnish|Swedish|Ukrainian article/);
  });

  it('records what weakens a claim as qualifying it, and the article\'s own sentences as the article\'s', () => {
    const qualified = (id: string) => (byId(graph.claims, id).refersTo ?? []).filter((r) => r.relation === 'QUALIFIES').map((r) => r.claim);
    expect(qualified('claim:source001-427000-caution')).toEqual(['claim:ukraine-427000-russian-losses-2024']);
    expect(qualified('claim:kastehelmi-russia-ran-out-of-space-before')).toEqual(['claim:kastehelmi-progress-strong']);
    expect(qualified('claim:source004-russia-sub-goals-donbas')).toEqual(['claim:us-war-stalling']);
    // Svitlodarsk follows Kastehelmi's words, but the sentence names no one: the article says it.
    expect(byId(graph.claims, 'claim:russia-took-svitlodarsk').claimant).toBe('source:004-luhansk-close-to-falling');
    expect(byId(graph.claims, 'claim:uk-mod-five-fold-decrease-kursk').claimant).toBe('source:003-russian-advances-kursk');
    // "appears to be eroding" is the article's hedge.
    expect(byId(graph.claims, 'claim:source003-kursk-leverage-eroding')).toMatchObject({ claimant: 'source:003-russian-advances-kursk', hedged: true });
  });

  it('flags an amount the text gives no number for as vague, keeping its words and the bound they entail', () => {
    const northKoreans = byId(graph.claims, 'claim:ukraine-north-koreans-injured-killed-kursk').quantity;
    expect(northKoreans).toMatchObject({ text: 'Thousands', vague: true, qualifier: 'AT_LEAST', value: 2000 });
    const vague = graph.claims.filter((c) => c.quantity?.vague).map((c) => [c.id, c.quantity!.text]);
    expect(vague).toEqual([
      ['claim:ukraine-north-koreans-injured-killed-kursk', 'Thousands'],
      ['claim:source001-civilian-casualties', 'Tens of thousands'],
      ['claim:russia-breached-defensive-lines-kursk', 'dozens of square kilometers'],
    ]);
    for (const c of graph.claims) {
      if (!c.quantity) continue;
      // The words are the article's; a figure not written as one is vague or a number word.
      expect(c.quote, c.id).toContain(c.quantity.text);
      if (!c.quantity.vague) expect(c.quantity.text, c.id).toMatch(/\d|\b(two|five)\b/i);
      else expect(c.quantity.qualifier, c.id).toBe('AT_LEAST');
    }
  });

  it('dates "the fall" and "the autumn" of 2024 as a season, never as months', () => {
    const autumn = { value: '2024-autumn', precision: 'SEASON' };
    for (const id of ['claim:source001-most-gains-in-autumn', 'claim:independent-russians-bloody-autumn', 'claim:source001-north-korea-long-range-green-light']) {
      expect(byId(graph.claims, id).period, id).toEqual({ start: autumn, end: autumn });
    }
    for (const c of graph.claims.filter((x) => /\b(fall|autumn)\b/.test(x.quote))) {
      expect([c.period?.start?.precision, c.period?.end?.precision], c.id).toEqual(['SEASON', 'SEASON']);
    }
  });

  it('names every claimant in a few words: a source speaking in its own voice by its label, never by its lead sentence', () => {
    for (const s of graph.sources) {
      expect(s.shortName?.length ?? 0, s.id).toBeGreaterThan(0);
      expect(s.shortName!.length, s.id).toBeLessThanOrEqual(SHORT_NAME_LENGTH);
      expect(s.text.startsWith(s.shortName!), s.id).toBe(false);
    }
    const nameOf = new Map<string, string>([...graph.actors.map((a) => [a.id, a.name] as const), ...graph.sources.map((s) => [s.id, s.shortName!] as const)]);
    for (const c of graph.claims) expect(nameOf.get(c.claimant)!.length, c.id).toBeLessThanOrEqual(SHORT_NAME_LENGTH);
  });

  it('places Donbas in Ukraine, made of Donetsk and Luhansk Oblasts, and every Donetsk and Luhansk place inside it', () => {
    const parents = (id: string) => byId(graph.places, id).partOf;
    const ancestors = (id: string): Set<string> => new Set(parents(id).flatMap((p) => [p, ...ancestors(p)]));
    expect(byId(graph.places, 'place:donbas')).toMatchObject({ name: 'Donbas', kind: 'REGION', partOf: ['place:ukraine'] });
    expect(parents('place:donetsk-oblast').sort()).toEqual(['place:donbas', 'place:ukraine']);
    expect(parents('place:luhansk-oblast').sort()).toEqual(['place:donbas', 'place:ukraine']);
    for (const id of ['place:pokrovsk', 'place:bakhmut', 'place:popasna', 'place:sievierodonetsk']) expect([...ancestors(id)], id).toContain('place:donbas');
    for (const id of ['place:kharkiv', 'place:izium', 'place:sudzha', 'place:novenke']) expect([...ancestors(id)], id).not.toContain('place:donbas');
    // Sudzha lies in Russia; Novenke, near the supply lines into Kursk, in Ukraine's Sumy Oblast.
    expect([...ancestors('place:sudzha')]).toEqual(['place:kursk-oblast', 'place:russia']);
    expect([...ancestors('place:novenke')]).toEqual(['place:sumy-oblast', 'place:ukraine']);
  });

  it('finds places and the main actors by their Ukrainian and Russian names, and by old spellings', () => {
    const owner = (label: 'places' | 'actors', name: string) => graph[label].filter((n) => nameKeys(n.name, n.aliases).includes(nameKey(name))).map((n) => n.id);
    const places: Array<[string, string]> = [
      ['Суджа', 'place:sudzha'], ['Покровськ', 'place:pokrovsk'], ['Покровск', 'place:pokrovsk'], ['Krasnoarmeysk', 'place:pokrovsk'],
      ['Харків', 'place:kharkiv'], ['Харьков', 'place:kharkiv'], ['Kharkov', 'place:kharkiv'], ['Artemovsk', 'place:bakhmut'],
      ['Артёмовск', 'place:bakhmut'], ['Артемовск', 'place:bakhmut'], ['Слов’янськ', 'place:sloviansk'], ["Слов'янськ", 'place:sloviansk'],
      ['Великая Новоселка', 'place:velyka-novosilka'], ['Сєвєродонецьк', 'place:sievierodonetsk'], ['Донбас', 'place:donbas'],
      ['Донбасс', 'place:donbas'], ['Курська область', 'place:kursk-oblast'], ['Dzerzhinsk', 'place:toretsk'],
    ];
    for (const [name, id] of places) expect(owner('places', name), name).toEqual([id]);
    const actors: Array<[string, string]> = [
      ['Україна', 'actor:ukraine'], ['Россия', 'actor:russia'], ['Kiev', 'actor:ukraine'], ['Зеленський', 'actor:zelensky'],
      ['Владимир Путин', 'actor:putin'], ['Сирський', 'actor:syrskyi'], ['Андрей Белоусов', 'actor:belousov'], ['ЗСУ', 'actor:afu'],
      ['ВС РФ', 'actor:russian-armed-forces'], ['Минобороны России', 'actor:russian-mod'], ['Міністерство оборони України', 'actor:ukrainian-mod'],
      ['Хінштейн', 'actor:khinshtein'], ['Хинштейн', 'actor:khinshtein'], ['Василь Піскарьов', 'actor:piskarev'], ['Пискарёв', 'actor:piskarev'],
    ];
    for (const [name, id] of actors) expect(owner('actors', name), name).toEqual([id]);
    // Every place has its Cyrillic names, but an area the articles describe rather than name.
    expect(graph.places.filter((p) => p.kind !== 'AREA' && !p.aliases.some((a) => CYRILLIC.test(a))).map((p) => p.id)).toEqual([]);
  });

  it('shares a name between two entities of one kind only on purpose (the three ministries of defence)', () => {
    for (const [label, items] of [['actors', graph.actors], ['places', graph.places], ['events', graph.events]] as const) {
      const owners = new Map<string, string[]>();
      for (const n of items) for (const k of nameKeys(n.name, n.aliases)) owners.set(k, [...(owners.get(k) ?? []), n.id]);
      const shared = [...owners].filter(([, ids]) => ids.length > 1).map(([k]) => k);
      expect(shared, label).toEqual(label === 'actors' ? ['ministry of defence', 'ministry of defense', 'defense ministry'] : []);
    }
  });

  it('attributes each claim to whom its sentence names, and the article\'s own inferences to the article', () => {
    const claimant = (id: string) => byId(graph.claims, id).claimant;
    expect(claimant('claim:uk-mod-five-fold-decrease-kursk')).toBe('source:003-russian-advances-kursk');
    expect(claimant('claim:russian-serviceman-disorganized-retreat')).toBe('actor:russian-serviceman-tv');
    expect(claimant('claim:source003-loss-of-morale')).toBe('source:003-russian-advances-kursk');
    // "the Kremlin and himself have said": both said it.
    expect([claimant('claim:kremlin-no-compromise'), claimant('claim:putin-no-compromise')]).toEqual(['actor:kremlin', 'actor:putin']);
    expect(byId(graph.claims, 'claim:zelensky-20-times-equipment').topic).toBe('OPERATIONS');
  });

  it('links a claim to the claim it restates or qualifies, where its article says so', () => {
    const refers = graph.claims.flatMap((c) => (c.refersTo ?? []).map((r) => [c.id, r.relation, r.claim]));
    expect(refers).toContainEqual(['claim:source001-427000-caution', 'QUALIFIES', 'claim:ukraine-427000-russian-losses-2024']);
    expect(refers).toContainEqual(['claim:isw-two-years-scenario-unlikely', 'QUALIFIES', 'claim:isw-two-years-donetsk']);
    expect(refers).toContainEqual(['claim:source002-headline-102-soldiers', 'RESTATES', 'claim:isw-102-casualties-per-km2']);
    // A claim refers only to a claim of its own article: the article is what says so.
    const sourceOf = new Map(graph.claims.map((c) => [c.id, c.source]));
    for (const [from, , to] of refers) expect(sourceOf.get(to!), from).toBe(sourceOf.get(from!));
  });
});

describe('loading the seed graph', () => {
  let store: GraphStore;
  const dataDir = tempDir('seed');
  beforeAll(async () => {
    store = await openKuzuStore({ dataDir, bufferPoolMb: 256, queryTimeoutMs: 10_000 });
    await store.init();
  });
  afterAll(async () => {
    await store?.close();
  });

  it('writes every node, and a second load leaves the same counts', async () => {
    await store.importGraph(graph);
    const first = await store.counts();
    expect(first.nodes).toEqual({
      Actor: graph.actors.length, Place: graph.places.length, Event: graph.events.length,
      Source: graph.sources.length, Claim: graph.claims.length,
    });
    expect(first.relationships.MADE).toBe(graph.claims.length);
    expect(first.relationships.CONTRADICTS).toBe(graph.contradictions.length);
    await store.importGraph(graph);
    expect(await store.counts()).toEqual(first);
  });
});
