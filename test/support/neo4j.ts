/** The Neo4j database the tests may write to: the one NEO4J_URI names, as the server reads it. */
import neo4j from 'neo4j-driver';
import type { Neo4jConfig } from '../../src/config.js';

/**
 * This process's NEO4J_* variables when NEO4J_URI is set (else none), for the configurations tests
 * build from their own settings.
 */
export function neo4jEnvironment(): Record<string, string> {
  if (!process.env.NEO4J_URI?.trim()) return {};
  return Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[0].startsWith('NEO4J_') && e[1] !== undefined),
  );
}

/** Deletes every node and relationship of the configured database, so a suite starts from nothing. */
export async function emptyNeo4jDatabase(target: Neo4jConfig): Promise<void> {
  const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.user, target.password));
  try {
    await driver.executeQuery('MATCH (n) DETACH DELETE n', {}, { database: target.database });
  } finally {
    await driver.close();
  }
}
