/**
 * Bulk import (ingest/import-ndjson.ts) on Kuzu: records may refer forward and to stored nodes;
 * a file with any problem writes nothing and names each problem's line and field; importing the
 * same file again changes nothing and records nothing; the links stored afterwards equal a fresh
 * recomputation over the whole graph.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../../src/ingest/ingest-graph.js';
import { ingestGraph } from '../../src/ingest.js';
import { Curator, type Writer } from '../../src/ingest/curate.js';
import { fileLines, ImportRejected, importNdjson, MAX_PROBLEMS } from '../../src/ingest/import-ndjson.js';
import type { GraphStore } from '../../src/store/GraphStore.js';
import { openKuzuStore } from '../../src/store/createStore.js';
import { readSeedGraph } from '../../seed/load-seed.js';
import { tempDir } from '../support/temp.js';
import { claimLine, header, writeImportFile } from './import-file.js';

const TOLERANCE = 0.05;
const editor: Writer = { name: 'importer', role: 'editor' };

async function links(store: GraphStore): Promise<string[]> {
  const out: string[] = [];
  for (const type of ['CONTRADICTS', 'CORROBORATES'] as const) {
    const page = await store.relationships(type, { offset: 0, limit: 100_000, count: false });
    for (const e of page.items) out.push([type, e.source, e.target, e.kind, e.rule, e.explanation, e.independent, e.dependence].join('|'));
  }
  return out.sort();
}

async function recomputed(store: GraphStore, stored: string[]): Promise<string[]> {
  const { contradictions, corroborations, stated } = analyse(await store.analysisInput(), TOLERANCE);
  const row = (type: string) => (l: { from: string; to: string; kind: string; rule: string | null; explanation: string; independent?: boolean | null; dependence?: string | null }) =>
    [type, l.from, l.to, l.kind, l.rule, l.explanation, l.independent ?? null, l.dependence ?? null].join('|');
  const statedContradictions = stored.filter((l) => l.startsWith('CONTRADICTS|') && l.split('|')[4] === '');
  return [...contradictions.map(row('CONTRADICTS')), ...corroborations.map(row('CORROBORATES')), ...stated.map(row('CORROBORATES')), ...statedContradictions].sort();
}

/** What a rejected import must leave as it was: counts, links and the audit trail. */
async function snapshot(store: GraphStore) {
  return { counts: await store.counts(), links: await links(store), changes: (await store.changes(null, 0, { offset: 0, limit: 10_000 })).total };
}

describe('bulk import of NDJSON (Kuzu)', () => {
  let store: GraphStore;
  let curator: Curator;
  let dir: string;
  const file = (name: string, lines: string[]) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, `${lines.join('\n')}\n`);
    return fileLines(p);
  };

  beforeAll(async () => {
    dir = tempDir('import');
    store = await openKuzuStore({ dataDir: path.join(dir, 'db'), bufferPoolMb: 256, queryTimeoutMs: 60_000, maxSizeGib: 1 });
    await store.init();
    await ingestGraph(store, readSeedGraph(), { tolerance: TOLERANCE });
    curator = new Curator(store, { tolerance: TOLERANCE });
  }, 60_000);

  afterAll(async () => {
    await store?.close();
  });

  it('imports records that refer forward and to stored nodes, and finds their links', async () => {
    // The claim comes before its source and actor; it is about a stored place (Kursk Oblast).
    const lines = [
      claimLine('fw', 1, 1).replace('"about":["place:fw-front"]', '"about":["place:fw-front","place:kursk-oblast"]'),
      claimLine('fw', 2, 1),
      ...header('fw'),
      JSON.stringify({ type: 'link', from: 'claim:fw-1', to: 'claim:fw-2', linkType: 'CONTRADICTS', explanation: 'They disagree.' }),
    ];
    const summary = await importNdjson(curator, editor, file('forward.ndjson', lines));
    expect(summary.created).toEqual({ source: 1, actor: 2, place: 1, event: 0, claim: 2, link: 1 });
    expect(summary.linksFound).toBeGreaterThanOrEqual(2);
    const [change] = (await store.changesOf(['claim:fw-1'], 1)).get('claim:fw-1') ?? [];
    expect(change).toMatchObject({ id: summary.change, operation: 'import', who: 'importer' });
    const stored = await links(store);
    expect(stored.some((l) => l.startsWith('CONTRADICTS|claim:fw-1|claim:fw-2|EXPLICIT'))).toBe(true);
    expect(stored).toEqual(await recomputed(store, stored));
  });

  it('runs as one transaction under the import\'s own timeout (IMPORT_TIMEOUT_MS), not a query\'s', async () => {
    const asked: Array<{ timeoutMs?: number } | undefined> = [];
    const watched: Pick<GraphStore, 'transact'> = { transact: (work, options) => (asked.push(options), store.transact(work, options)) };
    const timed = new Curator(watched, { tolerance: TOLERANCE, bulkTimeoutMs: 3_600_000 });
    const summary = await importNdjson(timed, editor, file('timed.ndjson', [...header('timed'), claimLine('timed', 1, 1)]));
    expect(summary.created.claim).toBe(1);
    expect(asked).toEqual([{ timeoutMs: 3_600_000 }]);
    // A curated write of one claim keeps the query's bound.
    await timed.setClaimRank(editor, 'claim:timed-1', 'PREFERRED', 'Checked.');
    expect(asked).toEqual([{ timeoutMs: 3_600_000 }, undefined]);
  });

  it('records a claim restating one declared later in the file, and analyses with it', async () => {
    const restating = { ...JSON.parse(claimLine('cite', 1, 1)), refersTo: [{ claim: 'claim:cite-3', relation: 'RESTATES', explanation: 'It repeats the army\'s figure.' }] };
    const summary = await importNdjson(curator, editor, file('cite.ndjson', [JSON.stringify(restating), ...header('cite'), claimLine('cite', 3, 1)]));
    expect(summary.created.claim).toBe(2);
    expect((await store.analysisInput()).restates.get('claim:cite-1')).toEqual(['claim:cite-3']);
    const stored = await links(store);
    expect(stored).toEqual(await recomputed(store, stored));
  });

  it('counts a file imported again as unchanged and records nothing', async () => {
    const p = writeImportFile(path.join(dir, 'again.ndjson'), 'again', 30, 3);
    const first = await importNdjson(curator, editor, fileLines(p));
    expect(first.created.claim).toBe(30);
    const before = await snapshot(store);
    const second = await importNdjson(curator, editor, fileLines(p));
    expect(second).toMatchObject({ change: null, created: { source: 0, actor: 0, place: 0, event: 0, claim: 0, link: 0 }, unchanged: { claim: 30, link: 2, source: 1 } });
    expect(await snapshot(store)).toEqual(before);
    const stored = await links(store);
    expect(stored).toEqual(await recomputed(store, stored));
  });

  it('rejects a file with any problem, writing nothing, naming lines and fields', async () => {
    const before = await snapshot(store);
    const lines = [
      ...header('bad'),
      claimLine('bad', 1, 1),
      claimLine('bad', 2, 1).replace('"quote":"', '"quote":"Not in the text. '),
      'not json',
      claimLine('bad', 3, 1).replace('actor:bad-army', 'actor:nobody').replace('actor:bad-observer', 'actor:nobody'),
      claimLine('bad', 1, 1),
      JSON.stringify({ type: 'link', from: 'claim:bad-1', to: 'claim:nowhere', linkType: 'CONTRADICTS', explanation: 'x' }),
    ];
    const rejection = await importNdjson(curator, editor, file('bad.ndjson', lines)).catch((e: unknown) => e);
    expect(rejection).toBeInstanceOf(ImportRejected);
    // The first pass stops at what it can see without the store: syntax and duplicate ids.
    expect((rejection as ImportRejected).problems).toEqual([
      { line: 7, field: null, message: expect.stringContaining('not JSON') },
      { line: 9, field: 'id', message: 'claim:bad-1 is declared already on line 5' },
    ]);
    const checked = await importNdjson(curator, editor, file('bad2.ndjson', lines.filter((_, i) => i !== 6 && i !== 8))).catch((e: unknown) => e as ImportRejected);
    expect((checked as ImportRejected).problems).toEqual([
      { line: 6, field: 'quote', message: 'not found verbatim in the text of source:bad-report' },
      { line: 7, field: 'claimant', message: 'no actor actor:nobody' },
      { line: 8, field: 'to', message: 'no claim claim:nowhere' },
    ]);
    expect(await snapshot(store)).toEqual(before);
  });

  it('caps the problems it lists and counts the rest', async () => {
    const lines = Array.from({ length: MAX_PROBLEMS + 20 }, (_, i) => `{"type":"nothing","n":${i}}`);
    const rejection = (await importNdjson(curator, editor, file('many.ndjson', lines)).catch((e: unknown) => e)) as ImportRejected;
    expect(rejection.problems).toHaveLength(MAX_PROBLEMS);
    expect(rejection.more).toBe(20);
    expect(rejection.problems[0]).toEqual({ line: 1, field: 'type', message: '"nothing" is not one of source, actor, place, event, claim, link' });
  });
});
