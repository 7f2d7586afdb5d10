/**
 * The cost limit on the seed graph with the default limits, as an analyst meets it: ordinary
 * listing and drawing queries pass, a query that could fetch the whole graph is refused. The
 * graph-shaped answers cost what their arguments let them hold, and every query the visual
 * explorer sends keeps within the limit. (Apart from limits.test.ts, whose fixture graph would
 * share Neo4j's one database with this one.)
 */
import fs from 'node:fs';
import vm from 'node:vm';
import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { EDGES_PER_NODE, operationCost, unsizedLists } from '../../src/server/cost.js';
import { loadTypeDefs } from '../../src/server/schema.js';
import { readmeQueries } from '../support/readme.js';
import { startTestServer, type TestServer } from '../support/server.js';

const schema = buildSchema(loadTypeDefs().join('\n'));
const defaults = loadConfig({});

/** What an operation costs under the default limits. */
function cost(query: string, variables: Record<string, unknown> = {}): number | undefined {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
  return operationCost(schema, document, operation, variables, defaults);
}

/**
 * The operations web/explore/explore.js sends, as it builds them: the script runs in a sandbox
 * with just enough of a page (a config block, elements that take listeners, a Cytoscape that
 * draws nothing) and hands them over as window.explorer.queries.
 */
function explorerQueries(): Record<string, string> {
  const element = {
    textContent: JSON.stringify({ endpoint: '/graphql' }),
    setAttribute: () => undefined, addEventListener: () => undefined,
  };
  const window: { explorer?: { queries: Record<string, string> } } = {};
  vm.runInNewContext(fs.readFileSync(new URL('../../web/explore/explore.js', import.meta.url), 'utf8'), {
    window, document: { getElementById: () => element }, cytoscape: () => ({ on: () => undefined }),
  });
  return window.explorer!.queries;
}

let seeded: TestServer;
beforeAll(async () => {
  seeded = await startTestServer();
});
afterAll(async () => {
  await seeded?.close();
});

/** Queries analysts wrote that the first cost limit refused (issue 9), each with the cost it has now. */
const ANALYSTS_QUERIES: Record<string, [string, number]> = {
  'contradictions with their claimants': [
    '{ contradictions(first: 100) { nodes { a { id claimant { name } } b { id claimant { name } } reasons { kind rule } } } }', 1001,
  ],
  'a page of claims with their links': [
    '{ claims(first: 100) { nodes { id claimant { id } source { id } about { ... on Node { id } } contradicts { id } } } }', 2301,
  ],
  'the 2-hop neighbourhood of Kursk': [
    `{ place(name: "Kursk") {
        name partOf { name partOf { name } }
        parts { name claims(first: 50) { nodes { id statement claimant { name } source { title } } } }
        claims(first: 50) { totalCount nodes { id statement claimant { name } source { title } } }
      } }`, 4714,
  ],
  'actors, places and events in one query': [
    `{ actors(first: 100) { totalCount nodes { id name kind memberOf { id } } }
       places(first: 100) { totalCount nodes { id name kind partOf { id } } }
       events(first: 100) { totalCount nodes { id name kind places { id } participants { id } } } }`, 3903,
  ],
};

/** Nested connections that could walk the whole graph. Claimant has no claims field, hence `... on Actor`. */
const WHOLE_GRAPH = `query($n: Int) { actors(first: $n) { nodes { claims(first: 100) { nodes {
  contradictedBy { claimant { ... on Actor { claims(first: 100) { nodes { id } } } } } } } } } }`;

describe('the cost limit', () => {
  it('lets the queries analysts write through, with the default MAX_COST', async () => {
    for (const [name, [query]] of Object.entries(ANALYSTS_QUERIES)) {
      const res = await seeded.query(query);
      expect(res.status, name).toBe(200);
      expect(res.errors, name).toBeUndefined();
    }
    const kursk = await seeded.query(ANALYSTS_QUERIES['the 2-hop neighbourhood of Kursk']![0]);
    expect(kursk.data?.place.parts.length).toBeGreaterThan(0);
  });

  it('lets every README example through, with the default MAX_COST', async () => {
    const examples = readmeQueries();
    expect(examples.size).toBeGreaterThan(0);
    for (const [name, query] of examples) {
      const res = await seeded.query(query);
      expect(res.status, name).toBe(200);
      expect(res.errors, name).toBeUndefined();
    }
  });

  it('refuses nested connections that could fetch the whole graph, stating the cost and the limit', async () => {
    const res = await seeded.query(WHOLE_GRAPH, { n: 100 });
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors).toEqual([{
      message: 'The query costs 10310201; the limit is 10000 (MAX_COST). A connection counts its selection once per item of `first`, '
        + 'a list once per item it may hold: ask for fewer with first (limit, for neighbourhood), or nest fewer lists.',
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'MAX_COST' },
    }]);
    expect(res.storeCalls).toBe(0);
    // The cost follows the variables: one actor and smaller pages pass.
    const small = await seeded.query(WHOLE_GRAPH.replaceAll('first: 100', 'first: 5'), { n: 1 });
    expect(small.errors).toBeUndefined();
  });
});

describe('the cost of the graph-shaped answers', () => {
  const NODES_AND_EDGES = 'nodes { id } edges { id type source target } truncated';

  it('counts a neighbourhood as `limit` nodes and 3 relationships per node', () => {
    expect(EDGES_PER_NODE).toBe(3);
    expect(cost(`{ neighbourhood(of: ["Kursk"], limit: 10) { ${NODES_AND_EDGES} } }`)).toBe(1 + 10 + 30);
    expect(cost(`query($n: Int) { neighbourhood(of: ["Kursk"], limit: $n) { ${NODES_AND_EDGES} } }`, { n: 100 })).toBe(1 + 100 + 300);
    // limit's default (500) when left out or null; never more than the 2,000 the resolver accepts.
    expect(cost(`{ neighbourhood(of: ["Kursk"]) { ${NODES_AND_EDGES} } }`)).toBe(1 + 500 + 1500);
    expect(cost(`query($n: Int) { neighbourhood(of: ["Kursk"], limit: $n) { ${NODES_AND_EDGES} } }`, { n: null })).toBe(1 + 500 + 1500);
    expect(cost(`{ neighbourhood(of: ["Kursk"], limit: 5000) { ${NODES_AND_EDGES} } }`)).toBe(1 + 2000 + 6000);
  });

  it("counts each page's own selection: nodes by the node, edges by the edge", () => {
    // A claim with its claimant counts 2 per node; an edge is 1 whatever it selects.
    expect(cost('{ neighbourhood(of: ["Kursk"], limit: 10) { nodes { ... on Claim { claimant { __typename } } } } }')).toBe(1 + 10 * 2);
    expect(cost('{ neighbourhood(of: ["Kursk"], limit: 10) { edges { id } } }')).toBe(1 + 30);
    expect(cost('{ neighbourhood(of: ["Kursk"], limit: 10) { truncated } }')).toBe(1);
    // Through fragments, and not what is skipped.
    expect(cost('{ neighbourhood(of: ["Kursk"], limit: 10) { ...G } } fragment G on Subgraph { nodes { id } ... on Subgraph { edges { id } } }')).toBe(1 + 10 + 30);
    expect(cost('query($e: Boolean!) { neighbourhood(of: ["Kursk"], limit: 10) { nodes { id } edges @include(if: $e) { id } } }', { e: false })).toBe(1 + 10);
    expect(cost('{ a: neighbourhood(of: ["Kursk"], limit: 10) { nodes { id } } b: neighbourhood(of: ["Sudzha"], limit: 20) { edges { id } } }'))
      .toBe(1 + 10 + 1 + 60);
  });

  it('counts paths as `first` paths of `maxLength + 1` nodes and `maxLength` relationships', () => {
    expect(cost(`{ paths(from: "Belousov", to: "ISW") { ${NODES_AND_EDGES} } }`)).toBe(5 * (1 + 5 + 4));
    expect(cost(`{ paths(from: "Belousov", to: "ISW", first: 1, maxLength: 2) { ${NODES_AND_EDGES} } }`)).toBe(1 * (1 + 3 + 2));
    expect(cost(`{ paths(from: "Belousov", to: "ISW", first: 20, maxLength: 6) { ${NODES_AND_EDGES} } }`)).toBe(20 * (1 + 7 + 6));
    // Past the resolver's bounds (20 paths, 6 relationships) counted at them: the resolver refuses such a call.
    expect(cost(`{ paths(from: "Belousov", to: "ISW", first: 500, maxLength: 60) { ${NODES_AND_EDGES} } }`)).toBe(20 * (1 + 7 + 6));
  });

  it('lets the largest neighbourhood through, bounded by limit, and refuses it with a heavy selection', async () => {
    const all = await seeded.query(`{ neighbourhood(of: ["actor:russia"], depth: 3, limit: 2000) { ${NODES_AND_EDGES} } }`);
    expect(all.errors).toBeUndefined();
    expect(all.data?.neighbourhood.truncated).toBe(false);
    const heavy = '{ neighbourhood(of: ["actor:russia"], depth: 3, limit: 2000) { nodes { ... on Claim { claimant { __typename } source { title } } } edges { id } } }';
    expect(cost(heavy)).toBe(1 + 2000 * 3 + 6000);
    const refused = await seeded.query(heavy);
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.message).toMatch(/^The query costs 12001; the limit is 10000 \(MAX_COST\)\. .*\(limit, for neighbourhood\)/);
    expect((await seeded.query(heavy.replace('limit: 2000', 'limit: 1000'))).errors).toBeUndefined();
  });

  it('leaves no field returning a Subgraph to the general rule: each needs its page sizes', () => {
    expect(unsizedLists(schema)).toEqual([]);
    const grown = buildSchema(`${loadTypeDefs().join('\n')}
      extend type Place { "Around it." graph(limit: Int = 50): Subgraph @listSize(slicingArguments: ["limit"], sizedFields: ["nodes", "edges"]) }`);
    expect(unsizedLists(grown)).toEqual(['Place.graph']);
  });
});

describe('the visual explorer', () => {
  /** Variables for each operation the explorer sends, as the page sends them. */
  const VARIABLES: Record<string, Record<string, unknown>> = {
    search: { text: 'Kursk' },
    expand: { id: 'actor:ukraine' },
    paths: { from: 'Syrskyi', to: 'Sudzha' },
    claim: { id: 'claim:syrskyi-denies-encirclement-kursk' },
  };

  it('sends only queries the default MAX_COST lets through, the paths with each claim\'s claimant side', async () => {
    const queries = explorerQueries();
    expect(Object.keys(queries).sort()).toEqual(Object.keys(VARIABLES).sort());
    for (const [name, query] of Object.entries(queries)) {
      const variables = VARIABLES[name]!;
      expect(cost(query, variables), name).toBeLessThanOrEqual(defaults.maxCost);
      const res = await seeded.query(query, variables);
      expect(res.status, name).toBe(200);
      expect(res.errors, name).toBeUndefined();
    }
    // Three paths of up to five nodes, each claim with its claimant's side: 3 x (1 + 5 x 4 + 4).
    expect(queries.paths).toMatch(/claimant \{ __typename \.\.\. on Actor \{ side \{ id \} \} \}/);
    expect(cost(queries.paths!, VARIABLES.paths)).toBe(75);
    expect(cost(queries.expand!, VARIABLES.expand)).toBe(1 + 100 * 4 + 300);
  });
});
