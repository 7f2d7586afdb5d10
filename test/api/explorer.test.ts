/** The explorer pages over real HTTP: everything they load comes from the server itself. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleQueries } from '../../src/server/example-queries.js';
import { fixtureGraph } from '../support/fixture-graph.js';
import { readmeQueries } from '../support/readme.js';
import { startTestServer, type TestServer } from '../support/server.js';

const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

/** The URLs a page loads or links to: every src and href attribute. */
function urlsOf(html: string): string[] {
  return [...html.matchAll(/\b(?:src|href)\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => m[1]!);
}

function configOf(html: string): { endpoint: string; tabs: Array<{ query: string }> } {
  const json = /<script type="application\/json" id="graphiql-config">([\s\S]*?)<\/script>/.exec(html)?.[1];
  expect(json, 'the page carries its configuration').toBeDefined();
  return JSON.parse(json!);
}

describe('with introspection on', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ graph: fixtureGraph() });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers the favicon browsers ask for with no content, not a 404', async () => {
    const res = await fetch(`${server.origin}/favicon.ico`);
    expect(res.status).toBe(204);
  });

  it('leads from / to the GraphQL explorer, and links nothing that is missing', async () => {
    const res = await fetch(`${server.origin}/`, { headers: HTML });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    const links = urlsOf(html);
    expect(links).toContain('/graphql');
    expect(links).toContain('/explore');
    for (const link of links) {
      expect((await fetch(new URL(link, `${server.origin}/`), { headers: HTML })).status, link).toBe(200);
    }
  });

  it('serves GraphiQL at /graphql to a browser, loading only files of its own origin', async () => {
    const res = await fetch(server.url, { headers: HTML });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('graphiql.min.js');
    expect(html).not.toMatch(/https?:|\/\/|cdn|apollographql\.com|embeddable-sandbox/i);

    const urls = urlsOf(html);
    expect(urls.length).toBeGreaterThanOrEqual(5);
    const types: Record<string, RegExp> = { '.js': /^text\/javascript|^application\/javascript/, '.css': /^text\/css/ };
    for (const url of urls) {
      const absolute = new URL(url, server.url);
      expect(absolute.origin, url).toBe(server.origin);
      const asset = await fetch(absolute);
      expect(asset.status, url).toBe(200);
      expect(asset.headers.get('content-type'), url).toMatch(types[url.slice(url.lastIndexOf('.'))]!);
      expect((await asset.arrayBuffer()).byteLength, url).toBeGreaterThan(100);
    }
  });

  it('runs no inline script, so its Content-Security-Policy allows scripts of its own origin only', async () => {
    const res = await fetch(server.url, { headers: HTML });
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("default-src 'none'");
    const html = await res.text();
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
    expect(inline).toEqual([' type="application/json" id="graphiql-config"']);
  });

  it("opens the README's example queries, which the server keeps a copy of", async () => {
    expect(new Map(exampleQueries.map((e) => [e.name, e.query])), 'src/server/example-queries.ts matches the README').toEqual(readmeQueries());
    const config = configOf(await (await fetch(server.url, { headers: HTML })).text());
    expect(config.endpoint).toBe(new URL(server.url).pathname);
    expect(config.tabs.map((t) => t.query)).toEqual(exampleQueries.map((e) => e.query));
    expect(config.tabs.length).toBeGreaterThanOrEqual(3);
  });

  it('answers GraphiQL’s requests (JSON POSTs) while CSRF prevention still stops simple requests', async () => {
    const asGraphiql = await fetch(server.url, {
      method: 'POST',
      // What GraphiQL 3's createFetcher sends (graphiql.min.js), from a page of the same origin.
      headers: { 'content-type': 'application/json', accept: 'application/json, multipart/mixed', origin: server.origin },
      body: JSON.stringify({ query: '{ __schema { queryType { name } } }', operationName: null }),
    });
    expect(asGraphiql.status).toBe(200);
    expect(await asGraphiql.json()).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });

    const simple = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' });
    expect(simple.status).toBe(400);
    const simpleGet = await fetch(`${server.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { accept: 'application/json' } });
    expect(simpleGet.status).toBe(400);
  });

  it('leaves GET /graphql to Apollo for clients that want JSON', async () => {
    const res = await fetch(`${server.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('serves only the files the page needs', async () => {
    expect((await fetch(`${server.origin}/assets/graphiql/package.json`)).status).toBe(404);
    expect((await fetch(`${server.origin}/assets/graphiql/..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${server.origin}/assets/explore/package.json`)).status).toBe(404);
    expect((await fetch(`${server.origin}/assets/explore/..%2f..%2fpackage.json`)).status).toBe(404);
  });

  it('serves the visual explorer at /explore: Cytoscape.js and its own script from this origin, no inline script', async () => {
    const res = await fetch(`${server.origin}/explore`, { headers: HTML });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).not.toMatch(/https?:|\/\/|cdn/i);
    const urls = urlsOf(html);
    expect(urls).toEqual(['/assets/explore/explore.css', '/assets/explore/cytoscape.min.js', '/assets/explore/explore.js']);
    for (const url of urls) {
      const asset = await fetch(new URL(url, server.origin));
      expect(asset.status, url).toBe(200);
      expect((await asset.arrayBuffer()).byteLength, url).toBeGreaterThan(1000);
    }
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>/g)].map((m) => m[1]);
    expect(inline).toEqual([' type="application/json" id="explore-config"']);
  });
});

describe('with introspection off', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ graph: fixtureGraph(), env: { INTROSPECTION: 'false' } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('serves no explorer and no landing page', async () => {
    expect((await fetch(`${server.origin}/`, { headers: HTML })).status).toBe(404);
    expect((await fetch(`${server.origin}/assets/graphiql/graphiql.min.js`)).status).toBe(404);
    expect((await fetch(`${server.origin}/explore`, { headers: HTML })).status).toBe(404);
    const res = await fetch(server.url, { headers: HTML });
    expect(await res.text()).not.toMatch(/graphiql|embeddable-sandbox/i);
  });
});
