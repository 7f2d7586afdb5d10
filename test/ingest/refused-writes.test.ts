/**
 * A refused write writes nothing before it is refused, so rolling it back leaves nothing for the
 * engine to clean up; one refused after writing (an import checks its lines as it writes them) is
 * followed by a checkpoint, after which the database is opened again (OpenDatabase.checkpoint).
 * On Kuzu 0.11.3 a checkpoint after relationships were created and deleted again (a claim's
 * derived contradictions, then its deprecation) left the relationship table's index stale, and
 * the next read of CONTRADICTS crashed the process. The sequences below are the one a shuffled run
 * of the curation API suite found, reduced, and its twin with an import: with the old behaviour
 * this file's worker dies at the reads after them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/domain/curation.js';
import type { AddClaimInput, Curator, Writer } from '../../src/ingest/curate.js';
import { ImportRejected, importNdjson } from '../../src/ingest/import-ndjson.js';
import type { GraphStore } from '../../src/store/GraphStore.js';
import { seededCurator } from '../support/seeded-store.js';

const TOLERANCE = 0.05;
const editor: Writer = { name: 'test-editor', role: 'editor' };
const TEXT = 'Kyiv, 2025. A new estimate says Russian forces captured only about 3,000 square kilometers of Ukraine in 2024, far less than others reported.';
const QUOTE = 'captured only about 3,000 square kilometers of Ukraine in 2024';
const CLAIM: AddClaimInput = {
  id: 'claim:refused-writes-3000km2', source: 'source:refused-writes', claimant: 'source:refused-writes', quote: QUOTE,
  statement: 'Russian forces captured about 3,000 km² of Ukraine in 2024.', about: ['place:ukraine'], topic: 'TERRITORY',
  period: { start: '2024', end: '2024' },
  quantity: { value: 3000, unit: 'SQUARE_KILOMETERS', qualifier: 'APPROXIMATELY', text: 'only about 3,000 square kilometers' },
  measure: { kind: 'TERRITORY_CAPTURED', side: 'actor:russia', place: 'place:ukraine' },
};

describe('refused writes around a deprecation (Kuzu)', () => {
  const context = seededCurator(TOLERANCE);
  let store: GraphStore;
  let curator: Curator;

  beforeAll(async () => {
    ({ curator, seeded: { store } } = context);
    await curator.addSource(editor, { id: 'source:refused-writes', title: 'A new estimate', text: TEXT });
  });

  const refusal = () => curator.editClaim(editor, 'claim:nothing', {}, 'no such claim');

  it('refuses each without a trace and reads the links a deprecation left', async () => {
    const changesBefore = (await store.changes(null, 0, { offset: 0, limit: 1 })).total!;
    const versionBefore = await store.version();
    await expect(refusal()).rejects.toBeInstanceOf(InputError);
    // Nothing of the refused write stands: no change recorded, no version taken.
    expect((await store.changes(null, 0, { offset: 0, limit: 1 })).total).toBe(changesBefore);
    expect(await store.version()).toBe(versionBefore);

    const before = (await store.counts()).relationships.CONTRADICTS ?? 0;
    const added = await curator.addClaims(editor, [CLAIM]);
    const derived = added.value.links.added.filter((l) => l.type === 'CONTRADICTS').length;
    expect(derived).toBeGreaterThan(0);
    expect((await store.counts()).relationships.CONTRADICTS).toBe(before + derived);

    await curator.setClaimRank(editor, CLAIM.id!, 'DEPRECATED', 'superseded');
    await expect(refusal()).rejects.toBeInstanceOf(InputError);
    // The read that crashed: the deprecation removed the derived links, the refusal nothing.
    expect((await store.counts()).relationships.CONTRADICTS).toBe(before);
    const total = (await store.changes(null, 0, { offset: 0, limit: 1 })).total!;
    expect(total).toBe(changesBefore + 2);
    const [last] = (await store.changes(null, 0, { offset: total - 1, limit: 1 })).items;
    expect(last?.operation).toBe('setClaimRank');
  }, 60_000);

  it('refuses an import that fails after writing its first lines, and reads the links a deprecation left', async () => {
    const second = { ...CLAIM, id: 'claim:refused-writes-3000km2-again' };
    await curator.addClaims(editor, [second]);
    const before = (await store.counts()).relationships.CONTRADICTS ?? 0;
    await curator.setClaimRank(editor, second.id, 'DEPRECATED', 'superseded');
    const deprecated = (await store.counts()).relationships.CONTRADICTS ?? 0;
    expect(deprecated).toBeLessThan(before);
    const sources = (await store.counts()).nodes.Source;
    // Its source line is written before its claim line is found wanting.
    const lines = [
      JSON.stringify({ type: 'source', id: 'source:refused-import', title: 'Refused import', text: TEXT }),
      JSON.stringify({ type: 'claim', ...CLAIM, id: 'claim:refused-import', source: 'source:refused-import', claimant: 'source:refused-import', quote: 'not in the text' }),
    ];
    await expect(importNdjson(curator, editor, () => (async function* () { yield* lines; })())).rejects.toBeInstanceOf(ImportRejected);
    const after = await store.counts();
    expect(after.nodes.Source).toBe(sources);
    expect(after.relationships.CONTRADICTS).toBe(deprecated);
  }, 60_000);
});
