/** `paths`: shortest paths by the store's own search, over real HTTP on the seed graph. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

const PATH = '{ nodes { id } edges { id type source target kind } truncated }';

describe('paths', () => {
  it("find Belousov's 880 km² contradicted by ISW's, shortest first, when asked with every relationship", async () => {
    const res = await server.query(`{ paths(from: "Belousov", to: "ISW") ${PATH} }`);
    expect(res.errors).toBeUndefined();
    const paths = res.data?.paths as Array<{ nodes: Array<{ id: string }>; edges: Array<{ type: string; source: string; target: string }> }>;
    expect(paths).toHaveLength(5);
    const lengths = paths.map((p) => p.edges.length);
    // The shortest (Belousov is what ISW's claim is about) first, then longer ones, never shorter again.
    expect(lengths[0]).toBe(2);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    expect(Math.max(...lengths)).toBeLessThanOrEqual(4);
    for (const p of paths) {
      expect(p.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['actor:belousov', 'actor:isw']));
      expect(new Set(p.nodes.map((n) => n.id)).size).toBe(p.nodes.length);
      expect(p.nodes).toHaveLength(p.edges.length + 1);
    }
    expect(paths).toContainEqual(expect.objectContaining({
      nodes: [{ id: 'actor:belousov' }, { id: 'claim:belousov-880km2-jan-apr-2024' }, { id: 'claim:isw-752km2-2024' }, { id: 'actor:isw' }],
    }));
    // The two names (one batch), the shortest paths, then a statement for each longer length still needed (3 and 4).
    expect(res.storeCalls).toBe(1 + 1 + 2);
  });

  it("find Belousov's 880 km² contradicted by ISW's claims over MADE and CONTRADICTS, the names and a statement per length", async () => {
    const res = await server.query(`{ paths(from: "Belousov", to: "ISW", relationships: [MADE, CONTRADICTS]) ${PATH} }`);
    expect(res.errors).toBeUndefined();
    const paths = res.data?.paths as Array<{ nodes: Array<{ id: string }>; edges: Array<{ type: string; source: string; target: string; kind: string | null }> }>;
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) {
      expect(p.nodes[0]!.id).toBe('actor:belousov');
      expect(p.nodes.at(-1)!.id).toBe('actor:isw');
      expect(p.edges).toHaveLength(3);
      expect(p.edges.map((e) => e.type)).toEqual(['MADE', 'CONTRADICTS', 'MADE']);
      // Each relationship keeps its stored direction, whichever way the path walks it.
      expect(p.edges[0]).toMatchObject({ source: 'actor:belousov' });
      expect(p.edges[2]).toMatchObject({ source: 'actor:isw' });
    }
    const via = paths.map((p) => p.nodes[1]!.id);
    expect(via).toContain('claim:belousov-880km2-jan-apr-2024');
    const contradictions = paths.flatMap((p) => p.edges.filter((e) => e.type === 'CONTRADICTS'));
    expect(contradictions).toContainEqual(expect.objectContaining({ source: 'claim:isw-752km2-2024', target: 'claim:belousov-880km2-jan-apr-2024', kind: 'EXPLICIT' }));
    // Shortest are 3 long: the names (one batch), the shortest, and length 4 for the paths still wanted.
    expect(res.storeCalls).toBeLessThanOrEqual(1 + 1 + 1);
  });

  it('give none when no path is short enough, and at most first', async () => {
    const none = await server.query(`{ paths(from: "Belousov", to: "ISW", maxLength: 2, relationships: [MADE, CONTRADICTS]) { nodes { id } } }`);
    expect(none.errors).toBeUndefined();
    expect(none.data?.paths).toEqual([]);
    const one = await server.query(`{ paths(from: "Belousov", to: "ISW", first: 1) { nodes { id } } }`);
    expect(one.data?.paths).toHaveLength(1);
  });

  it('refuse bad arguments with BAD_USER_INPUT naming them', async () => {
    const res = await server.query(`{
      long: paths(from: "Belousov", to: "ISW", maxLength: 7) { truncated }
      same: paths(from: "Belousov", to: "actor:belousov") { truncated }
      many: paths(from: "Belousov", to: "ISW", first: 21) { truncated }
    }`);
    expect(res.data).toEqual({ long: null, same: null, many: null });
    expect(res.errors?.map((e) => [e.path?.[0], e.extensions?.code, e.extensions?.argument])).toEqual(expect.arrayContaining([
      ['long', 'BAD_USER_INPUT', 'maxLength'], ['same', 'BAD_USER_INPUT', 'to'], ['many', 'BAD_USER_INPUT', 'first'],
    ]));
  });
});
