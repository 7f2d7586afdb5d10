/**
 * Incremental analysis never drifts: after any sequence of curated writes (sources, actors, places,
 * aliases, claims added, edited, ranked and linked, actors merged), and after concurrent ones, the
 * links stored equal a fresh recomputation over the whole graph, and every change took its own
 * number in the audit trail.
 *
 * The sequences are fast-check commands run against a model (fc.commands, fc.asyncModelRun): the
 * model knows which ids exist, so every generated write is one the server must accept, and a
 * failing sequence shrinks to the fewest writes that still break the invariant. Each run starts
 * from its own copy of the seeded store. The seed is fixed, so CI runs the same sequences every
 * time; to explore others, `CURATE_SEED=<n> CURATE_RUNS=<n> npx vitest run <this file>`.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClaimData, Rank, Stance } from '../../src/domain/model.js';
import { Curator, type AddClaimInput, type EditClaimInput, type WriteResult, type Writer } from '../../src/ingest/curate.js';
import type { GraphStore } from '../../src/store/GraphStore.js';
import { readSeedGraph } from '../../seed/load-seed.js';
import { expectConsistent } from '../support/links.js';
import { openSeededStore, seededCurator } from '../support/seeded-store.js';

const TOLERANCE = 0.05;
const editor: Writer = { name: 'test-editor', role: 'editor' };
const admin: Writer = { name: 'test-admin', role: 'admin' };

const SEED = readSeedGraph();
/** The seed claims analysis compares (a measure or an assertion): new claims are variants of them. */
const TEMPLATES = SEED.claims.filter((c) => c.measure || c.assertion);
/** A new source's text holds every template's quote, so a claim of any template may rest on it. */
const SOURCE_TEXT = TEMPLATES.map((c) => c.quote).join(' … ');
/** Periods and dates a variant or an edit takes: the same, nested, overlapping and disjoint ones. */
const PERIODS = [['2024', '2024'], ['2024-01', '2024-06'], ['2024-12', '2024-12'], ['2024-01-01', '2024-04-29'], ['2022', '2022'], ['2024-summer', null]] as const;
const DATES = ['2024-05-31', '2024', '2025-03', '2022-06'] as const;
/** Around the tolerance (±5%) and well outside it, so that figures corroborate and contradict. */
const FACTORS = [0.5, 0.97, 1, 1.03, 1.5] as const;

/** The seed actors and places the templates name, each place with those it lies in. */
function seedSubjects(): { actors: string[]; places: string[] } {
  const actors = new Set<string>();
  const places = new Set<string>();
  const parents = new Map(SEED.places.map((p) => [p.id, p.partOf]));
  const place = (id: string | null | undefined) => {
    if (!id || places.has(id)) return;
    places.add(id);
    for (const up of parents.get(id) ?? []) place(up);
  };
  for (const c of TEMPLATES) {
    if (c.claimant.startsWith('actor:')) actors.add(c.claimant);
    for (const id of [c.measure?.side, c.assertion?.side, c.assertion?.subject, ...c.about]) {
      if (id?.startsWith('actor:')) actors.add(id);
      else if (id?.startsWith('place:')) place(id);
    }
  }
  return { actors: [...actors].sort(), places: [...places].sort() };
}

/** What the commands know of the graph: the ids they may name, and each claim's shape for edits. */
interface Model {
  claims: string[];
  shape: Map<string, Pick<AddClaimInput, 'quantity' | 'measure' | 'assertion'>>;
  sources: string[];
  actors: string[];
  places: string[];
  /** Merged actors, each to the one it was merged into. */
  merged: Map<string, string>;
  taken: Set<string>;
  /** The last change number a write took. */
  seq: number;
}

interface Real {
  curator: Curator;
}

function initialModel(): Model {
  const { actors, places } = seedSubjects();
  return {
    claims: TEMPLATES.map((c) => c.id), shape: new Map(TEMPLATES.map((c) => [c.id, c])),
    sources: [], actors, places, merged: new Map(), taken: new Set(), seq: 0,
  };
}

const pick = <T>(items: readonly T[], n: number): T => items[n % items.length]!;
/** An actor id as it stands once merges are followed. */
const live = (m: Model, id: string | null | undefined): string | null => {
  let out = id ?? null;
  while (out && m.merged.has(out)) out = m.merged.get(out)!;
  return out;
};

/** Each write takes a later number than the one before it; then the model knows the write happened. */
function recorded(m: Model, result: WriteResult<unknown>): void {
  expect(result.change.seq).toBeGreaterThan(m.seq);
  m.seq = result.change.seq;
}

type Cmd = fc.AsyncCommand<Model, Real>;

/** A command of its parameters: `check` says whether the model allows it, `run` writes and updates the model. */
function command(name: string, params: unknown, check: (m: Readonly<Model>) => boolean, run: (m: Model, r: Real) => Promise<void>): Cmd {
  return { check, run, toString: () => `${name}(${JSON.stringify(params)})` };
}

const addSource = fc.record({ k: fc.nat(20), publisher: fc.option(fc.nat(99), { nil: null }) }).map((p) => {
  const id = `source:prop-${p.k}`;
  return command('addSource', p, (m) => !m.taken.has(id), async (m, r) => {
    const publisher = p.publisher === null ? null : pick(m.actors, p.publisher);
    recorded(m, await r.curator.addSource(editor, { id, title: `Property source ${p.k}`, text: SOURCE_TEXT, publisher, publishedOn: '2025' }));
    m.taken.add(id);
    m.sources.push(id);
  });
});

const addActor = fc.record({ k: fc.nat(20), memberOf: fc.array(fc.nat(99), { maxLength: 2 }) }).map((p) => {
  const id = `actor:prop-${p.k}`;
  return command('addActor', p, (m) => !m.taken.has(id), async (m, r) => {
    const memberOf = [...new Set(p.memberOf.map((n) => pick(m.actors, n)))];
    recorded(m, await r.curator.addActor(editor, { id, name: `Property actor ${p.k}`, kind: 'GROUP', memberOf }));
    m.taken.add(id);
    m.actors.push(id);
  });
});

const addPlace = fc.record({ k: fc.nat(20), partOf: fc.nat(99) }).map((p) => {
  const id = `place:prop-${p.k}`;
  return command('addPlace', p, (m) => !m.taken.has(id), async (m, r) => {
    recorded(m, await r.curator.addPlace(editor, { id, name: `Property place ${p.k}`, kind: 'AREA', partOf: [pick(m.places, p.partOf)] }));
    m.taken.add(id);
    m.places.push(id);
  });
});

const addAlias = fc.record({ target: fc.nat(99), place: fc.boolean(), n: fc.nat(5) }).map((p) =>
  command('addAlias', p, () => true, async (m, r) => {
    const id = pick(p.place ? m.places : m.actors, p.target);
    recorded(m, await r.curator.addAlias(admin, id, `Alias ${p.n}`));
  }));

const mergeActors = fc.record({ from: fc.nat(99), into: fc.nat(99) }).map((p) =>
  command('mergeActors', p, (m) => pick(m.actors, p.from) !== pick(m.actors, p.into), async (m, r) => {
    const [from, into] = [pick(m.actors, p.from), pick(m.actors, p.into)];
    recorded(m, await r.curator.mergeActors(admin, from, into, 'Recorded twice.'));
    m.actors = m.actors.filter((a) => a !== from);
    m.merged.set(from, into);
  }));

/** Mostly the template's own value (null), which shrinks first; sometimes another. */
const mostlyNull = fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: fc.nat(99), weight: 1 });
/** Templates sharing a measure or an assertion's subject with another: their variants meet stored claims. */
const crowded = TEMPLATES.flatMap((c, i) => (TEMPLATES.some((o) => o !== c && scopeKey(o) === scopeKey(c)) ? [i] : []));
function scopeKey(c: ClaimData): string {
  return c.measure ? `${c.measure.kind}|${c.measure.side}|${c.measure.place}` : `${c.assertion!.subject}`;
}

const claimSpec = fc.record({
  k: fc.nat(40), template: fc.oneof({ arbitrary: fc.constantFrom(...crowded), weight: 2 }, { arbitrary: fc.nat(99), weight: 1 }),
  claimant: fc.nat(99), source: mostlyNull, stance: fc.constantFrom<Stance>('ASSERTS', 'DENIES'), factor: fc.constantFrom(...FACTORS),
  holds: fc.boolean(), place: mostlyNull, period: mostlyNull,
});
type ClaimSpec = typeof claimSpec extends fc.Arbitrary<infer T> ? T : never;

/** A claim like a template (its quote, measure or assertion), on its source or a new one, with another claimant, figure, period, place or truth. */
function variant(m: Model, s: ClaimSpec): AddClaimInput {
  const t = pick(TEMPLATES, s.template);
  const source = s.source === null || m.sources.length === 0 ? t.source : pick(m.sources, s.source);
  const [start, end] = s.period === null ? [t.period?.start?.value ?? null, t.period?.end?.value ?? null] : pick(PERIODS, s.period);
  return {
    id: `claim:prop-${s.k}`, source, claimant: pick([...m.actors, source], s.claimant), quote: t.quote, statement: `A variant of ${t.id}`,
    about: [...new Set(t.about.map((id) => live(m, id)!))], topic: t.topic, stance: s.stance, statedAt: t.statedAt?.value ?? null,
    period: start || end ? { start, end } : null,
    quantity: t.quantity ? { ...t.quantity, value: Math.round(t.quantity.value * s.factor) } : null,
    measure: t.measure ? { ...t.measure, side: live(m, t.measure.side), place: s.place === null ? t.measure.place : pick(m.places, s.place) } : null,
    assertion: t.assertion ? { ...t.assertion, side: live(m, t.assertion.side), subject: live(m, t.assertion.subject)!, holds: s.holds } : null,
  };
}

const addClaims = fc.uniqueArray(claimSpec, { minLength: 1, maxLength: 3, selector: (s) => s.k }).map((specs) =>
  command('addClaims', specs, (m) => specs.every((s) => !m.taken.has(`claim:prop-${s.k}`)), async (m, r) => {
    const inputs = specs.map((s) => variant(m, s));
    recorded(m, await r.curator.addClaims(editor, inputs));
    for (const input of inputs) {
      m.taken.add(input.id!);
      m.claims.push(input.id!);
      m.shape.set(input.id!, input);
    }
  }));

const EDITS = ['stance', 'claimant', 'quantity', 'period', 'statedAt', 'holds', 'place', 'source'] as const;
const editClaim = fc.record({ claim: fc.nat(99), edit: fc.constantFrom(...EDITS), n: fc.nat(99) }).map((p) =>
  command('editClaim', p, () => true, async (m, r) => {
    const id = pick(m.claims, p.claim);
    const shape = m.shape.get(id)!;
    const input: EditClaimInput = {};
    if (p.edit === 'stance') input.stance = pick(['ASSERTS', 'DENIES'] as const, p.n);
    if (p.edit === 'claimant') input.claimant = pick(m.actors, p.n);
    if (p.edit === 'quantity' && shape.quantity) input.quantity = { ...shape.quantity, value: Math.round(shape.quantity.value * pick(FACTORS, p.n)) };
    if (p.edit === 'period') input.period = { start: pick(PERIODS, p.n)[0], end: pick(PERIODS, p.n)[1] };
    if (p.edit === 'statedAt') input.statedAt = pick(DATES, p.n);
    if (p.edit === 'holds' && shape.assertion) {
      const a = shape.assertion;
      input.assertion = { ...a, side: live(m, a.side), subject: live(m, a.subject)!, holds: p.n % 2 === 0 };
    }
    if (p.edit === 'place' && shape.measure) input.measure = { ...shape.measure, side: live(m, shape.measure.side), place: pick(m.places, p.n) };
    if (p.edit === 'source' && m.sources.length > 0) input.source = pick(m.sources, p.n);
    recorded(m, await r.curator.editClaim(editor, id, input, 'Property edit.'));
    m.shape.set(id, { ...shape, ...(input.quantity && { quantity: input.quantity }), ...(input.assertion && { assertion: input.assertion }), ...(input.measure && { measure: input.measure }) });
  }));

const setClaimRank = fc.record({ claim: fc.nat(99), rank: fc.constantFrom<Rank>('DEPRECATED', 'NORMAL', 'PREFERRED') }).map((p) =>
  command('setClaimRank', p, () => true, async (m, r) => {
    recorded(m, await r.curator.setClaimRank(editor, pick(m.claims, p.claim), p.rank, 'Property rank.'));
  }));

const linkClaims = fc.record({ from: fc.nat(99), to: fc.nat(99), type: fc.constantFrom<'CONTRADICTS' | 'CORROBORATES'>('CONTRADICTS', 'CORROBORATES') }).map((p) =>
  command('linkClaims', p, (m) => pick(m.claims, p.from) !== pick(m.claims, p.to), async (m, r) => {
    recorded(m, await r.curator.linkClaims(editor, pick(m.claims, p.from), pick(m.claims, p.to), p.type, 'A source says so.'));
  }));

/** Claims weigh most: they are what analysis compares. */
const COMMANDS = [addClaims, addClaims, addClaims, editClaim, editClaim, setClaimRank, setClaimRank, linkClaims, addSource, addActor, addPlace, addAlias, mergeActors];

describe('curated writes keep analysis consistent (Kuzu)', () => {
  it('after any sequence of curated writes, stored links equal a fresh recomputation', async () => {
    const seed = Number(process.env.CURATE_SEED ?? 20261127);
    const numRuns = Number(process.env.CURATE_RUNS ?? 5);
    await fc.assert(
      fc.asyncProperty(fc.noBias(fc.commands(COMMANDS, { maxCommands: 30, size: 'max' })), async (commands) => {
        const { store, dispose } = await openSeededStore(TOLERANCE, { bufferPoolMb: 64 });
        try {
          await fc.asyncModelRun(() => ({ model: initialModel(), real: { curator: new Curator(store, { tolerance: TOLERANCE }) } }), commands);
          await expectConsistent(store);
        } finally {
          await dispose();
        }
      }),
      // A failure shrinks run by run, each on a fresh store (a second or two): give up shrinking
      // after four minutes and report the smallest sequence found by then.
      { numRuns, seed, plugins: [fc.interruptAfterTimeLimit(240_000)] },
    );
  }, 300_000);
});

/** A small deterministic PRNG (mulberry32), so a failing batch can be replayed from its seed. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]! };
}

describe('concurrent curated writes (Kuzu)', () => {
  const context = seededCurator(TOLERANCE);
  let store: GraphStore;
  let curator: Curator;

  beforeAll(() => {
    ({ curator, seeded: { store } } = context);
  });

  /** A new claim like a stored one (same source and quote), with another claimant, figure or stance. */
  function concurrentVariant(r: ReturnType<typeof random>, n: number): AddClaimInput {
    const template = r.pick(TEMPLATES);
    return {
      id: `claim:random-${n}`, source: template.source, claimant: r.pick(['actor:russia', 'actor:ukraine', 'actor:isw', template.claimant]), quote: template.quote,
      statement: `Variant ${n} of ${template.id}`, about: template.about, topic: template.topic, stance: r.next() < 0.2 ? 'DENIES' : 'ASSERTS',
      statedAt: template.statedAt?.value ?? null,
      period: template.period ? { start: template.period.start?.value ?? null, end: template.period.end?.value ?? null } : null,
      quantity: template.quantity ? { ...template.quantity, value: Math.round(template.quantity.value * (0.5 + r.next())) } : null,
      measure: template.measure, assertion: template.assertion ? { ...template.assertion, holds: r.next() < 0.8 } : null,
    };
  }

  it('keeps them consistent under 20 concurrent addClaims, each with its own change number', async () => {
    const r = random(7);
    const before = (await store.changes(null, 0, { offset: 0, limit: 1000 })).total!;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => curator.addClaims(editor, [concurrentVariant(r, 100 + i)])));
    const seqs = results.map((x) => x.change.seq).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(20);
    expect((await store.changes(null, 0, { offset: 0, limit: 1000 })).total).toBe(before + 20);
    await expectConsistent(store);
  }, 120_000);
});
