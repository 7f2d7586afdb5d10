/**
 * When the store does not answer, the process stays up: /health 200, /ready 503, queries fail with
 * SERVICE_UNAVAILABLE. Neo4j is pointed at a local port where nothing listens.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/server/app.js';
import { createStore } from '../../src/store/createStore.js';
import type { GraphStore } from '../../src/store/GraphStore.js';

async function unusedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

let server: RunningServer;
let store: GraphStore;
let origin: string;

beforeAll(async () => {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', NEO4J_URI: `bolt://127.0.0.1:${await unusedPort()}`, NEO4J_PASSWORD: 'x' });
  store = await createStore(config);
  server = await startServer(config, store);
  origin = new URL(server.url).origin;
});
afterAll(async () => {
  await server?.close();
  await store?.close();
});

describe('with the store down', () => {
  it('stays alive but not ready', async () => {
    expect((await fetch(`${origin}/health`)).status).toBe(200);
    const ready = await fetch(`${origin}/ready`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'unavailable', store: 'neo4j' });
  });

  it('answers queries with SERVICE_UNAVAILABLE and no driver message', async () => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ places { totalCount } }' }),
    });
    const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]).toMatchObject({ message: 'The graph store is unavailable; try again shortly.', extensions: { code: 'SERVICE_UNAVAILABLE' } });
    expect(JSON.stringify(body)).not.toMatch(/ECONNREFUSED|Neo4j|bolt/i);
  });
});
