/**
 * GET /export/graph.graphml and /export/graph.cyjs over real HTTP on the real store: the whole
 * graph (its counts match the store's), a neighbourhood, escaping, and errors as JSON. GraphML is
 * validated against the GraphML schema (its own XSD files, vendored in test/fixtures/graphml, run
 * by libxml2's xmllint compiled to WebAssembly, so offline and with no system tool) and loaded by
 * networkx (Debian's python3-networkx, under /usr/bin/python3).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphData } from '../../src/domain/model.js';
import { EXPORT_PAGE } from '../../src/server/export.js';
import type { GraphCounts } from '../../src/store/GraphStore.js';
import { graphmlSchemaErrors as schemaErrors } from '../fixtures/graphml/schema.js';
import { fixtureGraph } from '../support/fixture-graph.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { tempDir } from '../support/temp.js';

const TRICKY = `"Штаб" & <Co> 'ltd'`;

/** More actors than one export page holds, each a member of ISW: the whole graph takes several pages of both. */
const EXTRA = EXPORT_PAGE + 100;

/**
 * The fixture with an actor whose name and description need escaping (a member of Russia), EXTRA
 * more, and a deprecated claim that a stated link joins to ISW's: the whole graph holds it, ranked.
 */
function graph(): GraphData {
  const g = fixtureGraph();
  const denial = g.claims.find((c) => c.id === 'claim:syrskyi-denies')!;
  g.claims.push({ ...denial, id: 'claim:withdrawn', rank: 'DEPRECATED', rankReason: 'Recorded twice.' });
  g.contradictions.push({ from: 'claim:withdrawn', to: 'claim:isw-sudzha', kind: 'EXPLICIT', explanation: 'A denial, withdrawn.', rule: null });
  g.actors.push({ id: 'actor:tricky', name: TRICKY, kind: 'GROUP', aliases: ['Штаб'], description: 'a < b && c > "d"', memberOf: ['actor:russia'] });
  for (let i = 0; i < EXTRA; i++) {
    g.actors.push({ id: `actor:extra-${i}`, name: `Extra ${i}`, kind: 'GROUP', aliases: [], description: null, memberOf: ['actor:isw'] });
  }
  return g;
}

interface Cyjs {
  elements: { nodes: Array<{ data: Record<string, unknown> & { id: string; label: string } }>; edges: Array<{ data: Record<string, unknown> & { id: string; source: string; target: string; type: string } }> };
}

interface GraphmlCheck {
  nodes: Array<{ id: string; data: Record<string, string> }>;
  edges: Array<{ id: string; source: string; target: string; data: Record<string, string> }>;
}

const asList = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** A small GraphML check: well-formed, every data key declared for its kind, every edge's ends are nodes. */
function checkGraphml(text: string): GraphmlCheck {
  expect(XMLValidator.validate(text)).toBe(true);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', textNodeName: '#text', parseTagValue: false, processEntities: true, htmlEntities: false })
    .parse(text);
  const root = doc.graphml;
  expect(root.xmlns).toBe('http://graphml.graphdrawing.org/xmlns');
  const keys = new Map(asList<any>(root.key).map((k) => [k.id, k]));
  for (const k of keys.values()) {
    expect(['node', 'edge']).toContain(k.for);
    expect(['string', 'int', 'long', 'double', 'boolean']).toContain(k['attr.type']);
  }
  const g = root.graph;
  expect(g.edgedefault).toBe('directed');
  const data = (owner: string, items: any) => {
    const out: Record<string, string> = {};
    for (const d of asList<any>(items)) {
      const key = keys.get(d.key);
      expect(key, `key ${d.key} is declared`).toBeDefined();
      expect(key.for).toBe(owner);
      out[key['attr.name']] = typeof d === 'object' ? String(d['#text'] ?? '') : String(d);
    }
    return out;
  };
  const nodes = asList<any>(g.node).map((n) => ({ id: n.id, data: data('node', n.data) }));
  const ids = new Set(nodes.map((n) => n.id));
  expect(ids.size).toBe(nodes.length);
  const edges = asList<any>(g.edge).map((e) => ({ id: e.id, source: e.source, target: e.target, data: data('edge', e.data) }));
  for (const e of edges) {
    expect(ids.has(e.source), `${e.id}: source is a node`).toBe(true);
    expect(ids.has(e.target), `${e.id}: target is a node`).toBe(true);
  }
  return { nodes, edges };
}

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

let server: TestServer;
let hurried: TestServer;
let counts: GraphCounts;
beforeAll(async () => {
  const g = graph();
  [server, hurried] = await Promise.all([startTestServer({ graph: g }), startTestServer({ graph: g, env: { REQUEST_TIMEOUT_MS: '1' } })]);
  counts = await server.store.counts();
});
afterAll(async () => {
  await Promise.all([server?.close(), hurried?.close()]);
});

const get = (pathAndQuery: string) => fetch(`${server.origin}${pathAndQuery}`);

describe('export of the whole graph', () => {
  it('writes Cytoscape.js elements: every node and relationship the store counts, streamed a page at a time', async () => {
    expect(counts.nodes.Actor).toBeGreaterThan(EXPORT_PAGE);
    expect(counts.relationships.MEMBER_OF).toBeGreaterThan(EXPORT_PAGE);
    const res = await get('/export/graph.cyjs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    // Streamed: its length is not known when it starts.
    expect(res.headers.get('transfer-encoding')).toBe('chunked');
    expect(res.headers.get('content-length')).toBeNull();
    const body = (await res.json()) as Cyjs;
    expect(body.elements.nodes).toHaveLength(sum(counts.nodes));
    expect(body.elements.edges).toHaveLength(sum(counts.relationships));
    for (const label of Object.keys(counts.nodes)) {
      expect(body.elements.nodes.filter((n) => n.data.label === label)).toHaveLength(counts.nodes[label as keyof typeof counts.nodes]);
    }
    for (const [type, n] of Object.entries(counts.relationships)) expect(body.elements.edges.filter((e) => e.data.type === type)).toHaveLength(n);
    const ids = new Set(body.elements.nodes.map((n) => n.data.id));
    for (const e of body.elements.edges) expect(ids.has(e.data.source) && ids.has(e.data.target)).toBe(true);
    expect(body.elements.nodes.find((n) => n.data.id === 'actor:tricky')?.data).toMatchObject({ label: 'Actor', name: TRICKY, names: [TRICKY, 'Штаб'] });
    expect(body.elements.nodes.find((n) => n.data.id === 'claim:withdrawn')?.data).toMatchObject({ label: 'Claim', rank: 'DEPRECATED', rankReason: 'Recorded twice.' });
    expect(body.elements.edges.find((e) => e.data.type === 'CONTRADICTS')?.data).toMatchObject({
      id: 'CONTRADICTS:claim:isw-sudzha->claim:belousov-880:EXPLICIT', source: 'claim:isw-sudzha', target: 'claim:belousov-880', kind: 'EXPLICIT', explanation: 'ISW says less.',
    });
  });

  it('writes GraphML: well-formed, typed keys, every node and relationship, text escaped', async () => {
    const res = await get('/export/graph.graphml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/graphml\+xml/);
    const text = await res.text();
    expect(text).toContain('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"');
    expect(text).toContain('<key id="n_quoteStart" for="node" attr.name="quoteStart" attr.type="long"/>');
    expect(text).toContain('<key id="n_hedged" for="node" attr.name="hedged" attr.type="boolean"/>');
    expect(text).toContain('<key id="n_quantityValue" for="node" attr.name="quantityValue" attr.type="double"/>');
    expect(text).toContain('&quot;Штаб&quot; &amp; &lt;Co&gt; &apos;ltd&apos;');
    const g = checkGraphml(text);
    expect(g.nodes).toHaveLength(sum(counts.nodes));
    expect(g.edges).toHaveLength(sum(counts.relationships));
    const tricky = g.nodes.find((n) => n.id === 'actor:tricky')!;
    expect(tricky.data).toMatchObject({ label: 'Actor', name: TRICKY, names: `${TRICKY} | Штаб`, description: 'a < b && c > "d"' });
    const claim = g.nodes.find((n) => n.id === 'claim:isw-sudzha')!;
    expect(claim.data).toMatchObject({ label: 'Claim', hedged: 'false' });
    expect(Number(claim.data.quoteStart)).toBeGreaterThanOrEqual(0);
  });

  it('exports only the relationship types asked for, with every node', async () => {
    const body = (await (await get('/export/graph.cyjs?relationships=MEMBER_OF,PART_OF')).json()) as Cyjs;
    expect(body.elements.nodes).toHaveLength(sum(counts.nodes));
    expect(body.elements.edges).toHaveLength(counts.relationships.MEMBER_OF! + counts.relationships.PART_OF!);
  });
});

describe('export around a node', () => {
  it('answers the neighbourhood of a name, as the API does', async () => {
    const body = (await (await get('/export/graph.cyjs?about=Sudzha')).json()) as Cyjs;
    expect(body.elements.nodes.map((n) => n.data.id)).toEqual(['place:sudzha', 'claim:belousov-880', 'claim:isw-sudzha', 'place:kursk-oblast']);
    expect(body.elements.edges.map((e) => e.data.id)).toContain('PART_OF:place:sudzha->place:kursk-oblast');
  });

  it('follows depth and relationships, in both formats', async () => {
    const q = `about=${encodeURIComponent('Belousov')}&depth=2&relationships=MEMBER_OF`;
    const body = (await (await get(`/export/graph.cyjs?${q}`)).json()) as Cyjs;
    expect(body.elements.nodes.map((n) => n.data.id)).toEqual(['actor:belousov', 'actor:ru-mod', 'actor:russia']);
    expect(body.elements.edges.map((e) => e.data.id)).toEqual(['MEMBER_OF:actor:belousov->actor:ru-mod', 'MEMBER_OF:actor:ru-mod->actor:russia']);
    const g = checkGraphml(await (await get(`/export/graph.graphml?${q}`)).text());
    expect(g.nodes.map((n) => n.id)).toEqual(['actor:belousov', 'actor:ru-mod', 'actor:russia']);
    expect(g.edges.map((e) => e.data.type)).toEqual(['MEMBER_OF', 'MEMBER_OF']);
  });

  it('resolves an id and a Cyrillic name', async () => {
    const byId = (await (await get('/export/graph.cyjs?about=actor:tricky&relationships=MEMBER_OF')).json()) as Cyjs;
    expect(byId.elements.nodes.map((n) => n.data.id)).toEqual(['actor:tricky', 'actor:russia']);
    const byName = (await (await get(`/export/graph.cyjs?about=${encodeURIComponent('Донбас')}&relationships=PART_OF`)).json()) as Cyjs;
    expect(byName.elements.nodes[0]?.data.id).toBe('place:donbas');
  });

  it('starts from every node a name stands for, one of each label: Russia the state and the country', async () => {
    const res = await get('/export/graph.cyjs?about=Russia&relationships=MEMBER_OF,PART_OF');
    expect(res.status).toBe(200);
    const ids = ((await res.json()) as Cyjs).elements.nodes.map((n) => n.data.id);
    expect(ids.slice(0, 2).sort()).toEqual(['actor:russia', 'place:russia']);
    expect(ids).toEqual(expect.arrayContaining(['actor:tricky', 'place:kursk-oblast']));
  });
});

describe('export errors', () => {
  const error = async (pathAndQuery: string, status: number, code: string) => {
    const res = await get(pathAndQuery);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]?.extensions.code).toBe(code);
    return body.errors[0]!.message;
  };

  it('answers 404 for a name nothing is called, with the closest names', async () => {
    expect(await error('/export/graph.graphml?about=Kursck', 404, 'NOT_FOUND')).toMatch(/Kursk Oblast/);
    await error('/export/graph.cyjs?about=place:nowhere', 404, 'NOT_FOUND');
  });

  it('answers 400 for a bad parameter', async () => {
    expect(await error('/export/graph.cyjs?about=Sudzha&depth=4', 400, 'BAD_USER_INPUT')).toMatch(/depth must be 1 to 3/);
    await error('/export/graph.cyjs?about=Sudzha&depth=x', 400, 'BAD_USER_INPUT');
    await error('/export/graph.cyjs?depth=2', 400, 'BAD_USER_INPUT');
    expect(await error('/export/graph.cyjs?relationships=MEMBER_OF,LIKES', 400, 'BAD_USER_INPUT')).toMatch(/"LIKES"/);
    await error('/export/graph.cyjs?relationships=', 400, 'BAD_USER_INPUT');
    await error('/export/graph.cyjs?about=', 400, 'BAD_USER_INPUT');
    await error('/export/graph.cyjs?about=a&about=b', 400, 'BAD_USER_INPUT');
    await error('/export/graph.cyjs?limit=3', 400, 'BAD_USER_INPUT');
    await error('/export/graph.graphml?about=Ministry%20of%20Defence', 400, 'BAD_USER_INPUT');
  });

  it('keeps to the request deadline (REQUEST_TIMEOUT_MS), answering 504', async () => {
    const res = await fetch(`${hurried.origin}/export/graph.graphml?about=Sudzha&depth=3`);
    expect(res.status).toBe(504);
    expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code).toBe('QUERY_TIMEOUT');
  });

  it('answers 404 for an unknown format', async () => {
    await error('/export/graph.gexf', 404, 'NOT_FOUND');
  });
});

describe('GraphML as other tools read it', () => {
  it('is valid against the GraphML schema: the whole graph', async () => {
    const text = await (await get('/export/graph.graphml')).text();
    expect(checkGraphml(text).nodes).toHaveLength(sum(counts.nodes));
    expect(await schemaErrors(text)).toEqual([]);
  });

  it('is valid against the GraphML schema: a neighbourhood, and one relationship type', async () => {
    for (const q of ['about=Kursk&depth=2', 'about=Belousov&depth=3&relationships=MEMBER_OF,MADE']) {
      const text = await (await get(`/export/graph.graphml?${q}`)).text();
      expect(checkGraphml(text).nodes.length, q).toBeGreaterThan(1);
      expect(await schemaErrors(text), q).toEqual([]);
    }
  });

  it("writes an edge's id as a name token: the API's -> becomes --", async () => {
    const g = checkGraphml(await (await get(`/export/graph.graphml?about=Belousov&relationships=MEMBER_OF`)).text());
    expect(g.edges.map((e) => e.id)).toEqual(['MEMBER_OF:actor:belousov--actor:ru-mod']);
  });

  it('the schema check finds what a strict reader refuses: an id that is no name token, an edge to no node, an undeclared key', async () => {
    const text = await (await get('/export/graph.graphml?about=Belousov&relationships=MEMBER_OF')).text();
    const broken = text
      .replace('id="MEMBER_OF:actor:belousov--actor:ru-mod"', 'id="MEMBER_OF:actor:belousov-&gt;actor:ru-mod"')
      .replace('target="actor:ru-mod"', 'target="actor:nobody"')
      .replace('<data key="n_name">', '<data key="n_nickname">');
    const errors = await schemaErrors(broken);
    expect(errors.join('\n')).toMatch(/is not a valid value of the atomic type 'xs:NMTOKEN'/);
    expect(errors.join('\n')).toMatch(/keyref '\{http:\/\/graphml\.graphdrawing\.org\/xmlns\}edge_target_ref'/);
    expect(errors.join('\n')).toMatch(/keyref '\{http:\/\/graphml\.graphdrawing\.org\/xmlns\}data_key_ref'/);
  });
});

describe('export to networkx', () => {
  // Debian's python3-networkx installs for /usr/bin/python3 (.ci/run installs it), whatever python3 comes first on PATH.
  const PYTHON = '/usr/bin/python3';
  const probe = spawnSync(PYTHON, ['-c', 'import networkx'], { encoding: 'utf8' });
  const missing = probe.status !== 0;
  if (missing) console.warn(`export to networkx: skipped, ${PYTHON} cannot import networkx (apt-get install python3-networkx)`);

  it.skipIf(missing)('loads the GraphML with networkx.read_graphml, each property as its key types it', async () => {
    const file = path.join(tempDir('export'), 'graph.graphml');
    fs.writeFileSync(file, await (await get('/export/graph.graphml')).text());
    const script = [
      'import json, sys, networkx as nx',
      'g = nx.read_graphml(sys.argv[1])',
      "isw, belousov = g.nodes['claim:isw-sudzha'], g.nodes['claim:belousov-880']",
      "edge = [d for u, v, d in g.edges(data=True) if u == 'claim:isw-sudzha' and v == 'claim:belousov-880'][0]",
      'print(json.dumps({',
      "  'directed': g.is_directed(), 'nodes': g.number_of_nodes(), 'edges': g.number_of_edges(),",
      "  'hedged': isw['hedged'], 'quoteStart': type(isw['quoteStart']).__name__,",
      "  'quantityValue': [belousov['quantityValue'], type(belousov['quantityValue']).__name__],",
      "  'tricky': g.nodes['actor:tricky']['name'], 'label': g.nodes['actor:tricky']['label'],",
      "  'edge': [edge['type'], edge['kind'], edge['explanation']],",
      '}))',
    ].join('\n');
    const out = JSON.parse(execFileSync(PYTHON, ['-c', script, file], { encoding: 'utf8' }));
    expect(out).toEqual({
      directed: true, nodes: sum(counts.nodes), edges: sum(counts.relationships),
      hedged: false, quoteStart: 'int', quantityValue: [880, 'float'],
      tricky: TRICKY, label: 'Actor',
      edge: ['CONTRADICTS', 'EXPLICIT', 'ISW says less.'],
    });
  });
});
