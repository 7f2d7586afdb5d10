/** Neo4j's uniqueness constraints and indexes, derived from the shared schema; all idempotent. */
import { NODE_LABELS } from '../../domain/model.js';
import { AUDIT_NODES, DERIVED_NODES, FULLTEXT } from '../schema.js';

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
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'english'}}";
    }),
  ];
}

/** Waits (up to five minutes) until every index is online. */
export const AWAIT_INDEXES = 'CALL db.awaitIndexes(300)';
