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
 * Depth 1 to 4 with `n` results at the root list: each level walks one more relationship of
 * every result. A server without N+1 makes as many store calls as it has levels, whatever `n` is.
 */
export function depthQuery(depth: 1 | 2 | 3 | 4, n: number): string {
  const levels = ['', ' source { title', ' publisher { name', ' memberOf { name'];
  const open = levels.slice(1, depth).join('');
  const close = ' }'.repeat(depth - 1);
  return `{ claims(first: ${n}) { nodes { id${open}${close} } } }`;
}
