/** Neo4j's uniqueness constraints and indexes, derived from the shared schema; all idempotent. */
import { NODE_LABELS } from '../../domain/model.js';
import { AUDIT_NODES, DERIVED_NODES, FULLTEXT, FULLTEXT_ANALYZER, type FulltextIndexFound } from '../schema.js';

export function neo4jSchemaStatements(): string[] {
  const constraints = [...NODE_LABELS, ...Object.keys(AUDIT_NODES), ...Object.keys(DERIVED_NODES)].map(
    (label) => `CREATE CONSTRAINT ${label.toLowerCase()}_id IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE`,
  );
  return [
    ...constraints,
    'CREATE INDEX claim_stated_from IF NOT EXISTS FOR (n:Claim) ON (n.statedFrom)',
    'CREATE INDEX claim_topic IF NOT EXISTS FOR (n:Claim) ON (n.topic)',
    'CREATE INDEX change_seq IF NOT EXISTS FOR (n:Change) ON (n.seq)',
    // The english analyzer stems, as Kuzu's FTS does; the default one would not find "encirclement" for "encircled".
    ...NODE_LABELS.map((label) => {
      const { index, properties } = FULLTEXT[label];
      return `CREATE FULLTEXT INDEX ${index} IF NOT EXISTS FOR (n:${label}) ON EACH [${properties.map((p) => `n.${p}`).join(', ')}] ` +
        `OPTIONS {indexConfig: {\`fulltext.analyzer\`: '${FULLTEXT_ANALYZER}'}}`;
    }),
  ];
}

/** Waits (up to five minutes) until every index is online. */
export const AWAIT_INDEXES = 'CALL db.awaitIndexes(300)';

/** Neo4j's full-text indexes with their definition (staleFulltextIndexes reads them). */
export const SHOW_FULLTEXT_INDEXES = 'SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties, options RETURN name, labelsOrTypes, properties, options';

/** A row of SHOW_FULLTEXT_INDEXES as staleFulltextIndexes reads it. */
export function neo4jFulltextIndexFound(row: Record<string, unknown>): FulltextIndexFound {
  const config = (row.options as { indexConfig?: Record<string, unknown> } | null)?.indexConfig;
  const analyzer = config?.['fulltext.analyzer'];
  return {
    name: String(row.name),
    labels: ((row.labelsOrTypes as unknown[] | null) ?? []).map(String),
    properties: ((row.properties as unknown[] | null) ?? []).map(String),
    analyzer: typeof analyzer === 'string' ? analyzer : null,
  };
}

/** Drops one of FULLTEXT's indexes by its name (from the allow-list: staleFulltextIndexes). */
export const neo4jDropIndex = (name: string): string => `DROP INDEX ${name} IF EXISTS`;
