/**
 * When the store does not answer, the process stays up: /health 200, /ready 503, queries fail fast
 * with SERVICE_UNAVAILABLE and no driver message. Neo4j is pointed at local peers that misbehave:
 * nothing listening, a server that accepts and drops every connection, one that accepts and never answers.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/server/app.js';
import { createStore } from '../../src/store/createStore.js';
import type { GraphStore } from '../../src/store/GraphStore.js';
import { startFakeBolt, type FakeBolt } from '../support/fake-bolt.js';

type Peer = { port: number; close(): Promise<void> };

async function listen(onConnection: (socket: net.Socket) => void): Promise<Peer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const peers: Record<string, () => Promise<Peer>> = {
  'nothing listening': async () => {
    const peer = await listen(() => undefined);
    await peer.close();
    return { port: peer.port, close: async () => undefined };
  },
  'a peer that accepts and drops connections': () => listen((socket) => socket.destroy()),
  'a peer that accepts and never answers': () => listen(() => undefined),
};

describe.each(Object.keys(peers))('with Neo4j down: %s', (kind) => {
  let peer: Peer;
  let server: RunningServer;
  let store: GraphStore;
  let origin: string;

  beforeAll(async () => {
    peer = await peers[kind]!();
    const config = loadConfig({
      PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', NEO4J_URI: `bolt://127.0.0.1:${peer.port}`, NEO4J_PASSWORD: 'x',
      NEO4J_CONNECT_TIMEOUT_MS: '1000', NEO4J_MAX_RETRY_MS: '500',
    });
    store = await createStore(config);
    server = await startServer(config, store);
    origin = new URL(server.url).origin;
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    await peer?.close();
  });

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

describe('when Neo4j comes back', () => {
  it('is ready again without a restart: nothing remembers the failure', { timeout: 30_000 }, async () => {
    // Take a free port, then leave it empty: Neo4j is down.
    const probe = await listen(() => undefined);
    const port = probe.port;
    await probe.close();
    const config = loadConfig({
      PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', NEO4J_URI: `bolt://127.0.0.1:${port}`, NEO4J_PASSWORD: 'x',
      NEO4J_CONNECT_TIMEOUT_MS: '1000', NEO4J_MAX_RETRY_MS: '500',
    });
    const store = await createStore(config);
    const server = await startServer(config, store);
    const origin = new URL(server.url).origin;
    let bolt: FakeBolt | undefined;
    try {
      expect((await fetch(`${origin}/ready`)).status).toBe(503);
      // Neo4j returns on the same address (a minimal Bolt peer that answers every query).
      bolt = await startFakeBolt(port);
      const ready = await fetch(`${origin}/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', store: 'neo4j' });
      // ...and goes away again.
      await bolt.close();
      bolt = undefined;
      expect((await fetch(`${origin}/ready`)).status).toBe(503);
    } finally {
      await bolt?.close();
      await server.close();
      await store.close();
    }
  });
});
