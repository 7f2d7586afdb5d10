/** The operations the benchmark sends, shared by the harness, the bare endpoint and the smoke test. */
import { exampleQueries } from '../src/server/example-queries.js';

/** The README's first example: who claimed what about Kursk, and who contradicts it (the explorer's copy of it). */
export const KURSK_QUERY = exampleQueries.find((q) => q.name === 'WhoClaimedWhatAboutKursk')!.query;

/** Three relationship levels, as a visualization walking out from a region asks: parts, their claims, the claimants. */
export const TRAVERSAL_QUERY = `query RegionTraversal {
  place(name: "Donetsk Oblast") {
    name
    parts {
      name
      claims(first: 10) {
        totalCount
        nodes { statement claimant { name } }
      }
    }
  }
}`;

export const TYPENAME_QUERY = '{ __typename }';

/**
 * The three queries of the comparison with @neo4j/graphql (issue "Fast reads"): a place's claims with
 * who contradicts them, a region's parts with their claims, an actor's claims with their sources.
 */
export const PEER_QUERIES = [
  {
    name: 'Q1',
    query: '{ place(id: "place:sudzha") { claims(first: 50) { nodes { id statement claimant { name } source { title } contradictedBy { id statement claimant { name } } } } } }',
  },
  {
    name: 'Q2',
    query: '{ place(id: "place:donetsk-oblast") { name parts { id name claims(first: 100) { nodes { id statement claimant { name } } } } } }',
  },
  {
    name: 'Q3',
    query: '{ actor(id: "actor:isw") { name claims(first: 100) { nodes { id statement source { title } contradicts { id statement } } } } }',
  },
] as const;

/**
 * Depth 1 to 4 with `n` results at the root list: each level walks one more relationship of
 * every result. A server without N+1 makes at most as many store calls as it has levels, whatever
 * `n` is (with PREFETCH=on claimgraph reads the levels below a page of claims along with its claims).
 */
export function depthQuery(depth: 1 | 2 | 3 | 4, n: number): string {
  const levels = ['', ' source { title', ' publisher { name', ' memberOf { name'];
  const open = levels.slice(1, depth).join('');
  const close = ' }'.repeat(depth - 1);
  return `{ claims(first: ${n}) { nodes { id${open}${close} } } }`;
}
