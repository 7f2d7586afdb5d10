/**
 * Name keys (schema.ts DERIVED_NODES NameKey, DERIVED_RELATIONSHIP NAMES): one NameKey node per key
 * some actor, place, event or source holds among its `nameKeys`, joined to each node holding it.
 * Resolving a name tested the key against every node's list: at a million claims (34,000 subjects)
 * that scan cost Kuzu about 5 ms a lookup; a primary-key lookup and a walk cost about 1.
 *
 * The nodes' `nameKeys` stay the truth: NAMES is derived from them by every write that writes a
 * named node (refreshNames, from the graph as the write left it) and rebuilt whole after a bulk
 * load and on a store that has never built it (a folder or database older than name keys). A key
 * no node holds any more keeps its NameKey, joined to nothing, which finds nothing.
 */
import { idsByLabel, type NodeLabel } from '../../domain/model.js';
import type { Fields } from '../GraphStore.js';
import { DERIVED_RELATIONSHIP, NAMED_LABELS, type NamedLabel } from '../schema.js';
import type { Dialect } from './dialect.js';
import type { Run, Statement } from './Engine.js';
import { hotNode } from './queries.js';
import { batches } from './writes.js';

const NAMES = DERIVED_RELATIONSHIP.type;

/** The NameKey that says the keys were built; nameKey() keeps only letters, digits and spaces, so no key has this form. */
export const NAMES_BUILT = '#built';

/**
 * Rows (key, node): the nodes of the labels holding these keys, by key then id. The keys are the
 * NameKey table's primary key: one is an equality (a primary-key lookup on Kuzu, which scans the
 * table for `IN`; the caller sends Kuzu one key per statement).
 */
export function nodesByNameKeys(d: Dialect, labels: readonly NodeLabel[], keys: readonly string[], fields?: Fields): Statement {
  const { condition, params } = d.idIn('k', 'keys', keys);
  return {
    text: `MATCH (k:NameKey)-[:${NAMES}]->(n${d.anyLabel(labels)}) WHERE ${condition} RETURN k.id AS key, ${hotNode(d, 'n', labels, fields)} AS node ORDER BY key, n.id`,
    params,
  };
}

/** Rows `built`: whether the keys were ever built. */
export const namesBuilt = (): Statement => ({ text: 'MATCH (k:NameKey) WHERE k.id = $id RETURN count(k) AS built', params: { id: NAMES_BUILT } });

/** Removes what joins these nodes (of one label) to their keys. */
function unname(d: Dialect, label: NamedLabel, ids: readonly string[]): Statement {
  const { condition, params } = d.idIn('n', 'ids', ids);
  return { text: `MATCH (:NameKey)-[r:${NAMES}]->(n:${label}) WHERE ${condition} DELETE r`, params };
}

/**
 * Joins these nodes (of one label, or all of it) to a NameKey for each of their keys. A statement
 * per label and batch, each key met once per node (nameKeys holds distinct keys); MERGE finds a key
 * another node, row or statement created.
 */
function name(d: Dialect, label: NamedLabel, ids: readonly string[] | 'all'): Statement {
  const { condition, params } = ids === 'all' ? { condition: '', params: {} } : d.idIn('n', 'ids', ids);
  return {
    text: `MATCH (n:${label})${condition ? ` WHERE ${condition}` : ''} UNWIND n.nameKeys AS key MERGE (k:NameKey {id: key}) CREATE (k)-[:${NAMES}]->(n)`,
    params,
  };
}

/**
 * Joins the keys of these nodes anew, from what they hold now: the nodes a write wrote (others'
 * ids are skipped). Inside a write, after its changes: every join of the batch is removed before
 * any is created, so no statement reads a relationship the write itself created (Engine.seesOwnWrites).
 */
export async function refreshNames(run: Run, d: Dialect, ids: Iterable<string>): Promise<void> {
  for (const [label, all] of idsByLabel(new Set(ids), NAMED_LABELS)) {
    const parts = batches(all, d.idsPerReadInWrite);
    for (const part of parts) await run(unname(d, label, part));
    for (const part of parts) await run(name(d, label, part));
  }
}

/** Every key built anew from the nodes, and marked built. Inside a write. */
export async function rebuildNames(run: Run, d: Dialect): Promise<void> {
  await run({ text: 'MATCH (k:NameKey) DETACH DELETE k', params: {} });
  for (const label of NAMED_LABELS) await run(name(d, label, 'all'));
  await run({ text: 'CREATE (k:NameKey {id: $id})', params: { id: NAMES_BUILT } });
}
