/**
 * What a refused write must leave as it was: the store's whole content, as the GraphML export
 * streams it, the store's counts, and the audit trail's length.
 */
import { createHash } from 'node:crypto';
import type { TestServer } from './server.js';

export interface Fingerprint {
  graph: string;
  changes: number;
  counts: unknown;
}

/** Read anonymously: the servers it is used on let anyone query and export (ANONYMOUS_READ's default). */
export async function fingerprint(server: TestServer): Promise<Fingerprint> {
  const res = await fetch(`${server.origin}/export/graph.graphml`);
  // An error body would hash the same before and after anything: only a real export counts.
  if (!res.ok) throw new Error(`the export answered ${res.status}`);
  const graphml = await res.text();
  const answer = await server.query<{ changes: { totalCount: number } }>('{ changes(first: 1) { totalCount } }');
  if (!answer.data) throw new Error(`changes could not be read: ${JSON.stringify(answer.errors)}`);
  return { graph: createHash('sha256').update(graphml).digest('hex'), changes: answer.data.changes.totalCount, counts: await server.store.counts() };
}
