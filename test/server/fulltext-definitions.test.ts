/**
 * Which full-text indexes start drops and creates again (schema.ts staleFulltextIndexes), from
 * each engine's own listing. Kuzu's is also run for real (kuzu-migration.test.ts); Neo4j's rows are
 * given here in the shape SHOW FULLTEXT INDEXES returns them.
 */
import { describe, expect, it } from 'vitest';
import { kuzuFulltextIndexFound } from '../../src/store/kuzu/ddl.js';
import { neo4jFulltextIndexFound } from '../../src/store/neo4j/schema-statements.js';
import { FULLTEXT, staleFulltextIndexes } from '../../src/store/schema.js';

const neo4jRow = (name: string, labels: string[], properties: string[], analyzer?: string) => ({
  name,
  labelsOrTypes: labels,
  properties,
  options: { indexProvider: 'fulltext-1.0', indexConfig: analyzer ? { 'fulltext.analyzer': analyzer, 'fulltext.eventually_consistent': false } : {} },
});
const current = Object.entries(FULLTEXT).map(([label, { index, properties }]) => neo4jRow(index, [label], [...properties], 'english'));
const stale = (rows: Array<Record<string, unknown>>) => staleFulltextIndexes(rows.map(neo4jFulltextIndexFound)).map((s) => [s.name, s.label]);

describe('full-text indexes built to another definition', () => {
  it('are none when every index is as this build defines it, in any order of properties', () => {
    expect(stale(current)).toEqual([]);
    expect(stale(current.map((r) => ({ ...r, properties: [...r.properties].reverse() })))).toEqual([]);
  });

  it('are those over other properties, on another or a further label, or with another analyzer', () => {
    expect(stale([
      neo4jRow('claim_text', ['Claim'], ['statement'], 'english'),
      neo4jRow('source_text', ['Source', 'Claim'], ['title', 'text'], 'english'),
      neo4jRow('actor_text', ['Place'], ['name', 'description'], 'english'),
      neo4jRow('place_text', ['Place'], ['name'], 'standard-no-stop-words'),
      neo4jRow('event_text', ['Event'], ['name', 'description'], 'english'),
    ])).toEqual([['claim_text', 'Claim'], ['source_text', 'Source'], ['actor_text', 'Place'], ['place_text', 'Place']]);
  });

  it('leave alone indexes that are not ours, and an analyzer the engine does not report', () => {
    expect(stale([neo4jRow('my_index', ['Claim'], ['statement'], 'swedish'), neo4jRow('claim_text', ['Claim'], ['statement', 'quote'])])).toEqual([]);
    expect(stale([{ name: 'claim_text', labelsOrTypes: ['Claim'], properties: ['statement', 'quote'], options: null }])).toEqual([]);
  });

  it("read Kuzu's listing: full-text indexes only, the stemmer from the definition Kuzu keeps", () => {
    expect(kuzuFulltextIndexFound({ index_name: 'x', table_name: 'Claim', index_type: 'HNSW', property_names: ['e'], index_definition: '' })).toBeNull();
    expect(kuzuFulltextIndexFound({
      index_name: 'claim_text', table_name: 'Claim', index_type: 'FTS', property_names: ['statement'],
      index_definition: "CALL CREATE_FTS_INDEX('Claim', 'claim_text', ['statement'], stemmer := 'porter', stopWords := 'default');",
    })).toEqual({ name: 'claim_text', labels: ['Claim'], properties: ['statement'], analyzer: 'porter' });
  });
});
