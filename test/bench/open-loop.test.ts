/**
 * The open-loop generator behind the 70%-load figures: it must spread arrivals over the run
 * (not send each second's share at once), count latency from when each request was due (so a
 * stalled server shows its queue), and count failures. Checked against a local node:http server.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { graphqlFailure, openLoop } from '../../bench/open-loop.js';

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function serve(handler: http.RequestListener): Promise<string> {
  server = http.createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe('openLoop', () => {
  it('sends rate x seconds requests spread over the run, with their bodies', async () => {
    const arrivals: number[] = [];
    const bodies = new Set<string>();
    const url = await serve((req, res) => {
      arrivals.push(performance.now());
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        bodies.add(body);
        res.end('ok');
      });
    });
    const run = await openLoop({ url, method: 'POST', body: '{"query":"{ __typename }"}' }, 40, 1);
    expect(run.requests).toBe(40);
    expect(run.non2xx).toBe(0);
    expect([...bodies]).toEqual(['{"query":"{ __typename }"}']);
    // Evenly spaced: 40 requests at 40/s span most of the second instead of arriving in one burst.
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThan(700);
    // Its own event loop is measured too: a number, not part of the latencies.
    expect(run.generatorLagP99).toBeGreaterThanOrEqual(0);
    expect(Number.isInteger(run.generatorFullGcs)).toBe(true);
  });

  it('counts latency from when a request was due, so a stall shows in the tail', async () => {
    let held: Array<() => void> | undefined = [];
    setTimeout(() => {
      for (const release of held!) release();
      held = undefined;
    }, 400);
    const url = await serve((_req, res) => {
      if (held) held.push(() => res.end('late'));
      else res.end('ok');
    });
    const run = await openLoop({ url, method: 'GET' }, 50, 1);
    expect(run.requests).toBe(50);
    // The first request waited the whole stall; requests due after it were answered at once.
    expect(run.p99).toBeGreaterThan(300);
    expect(run.p50).toBeLessThan(300);
  });

  it('names refused connections', async () => {
    const url = await serve(() => undefined);
    const port = new URL(url).port;
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const run = await openLoop({ url: `http://127.0.0.1:${port}/`, method: 'GET' }, 20, 0.25);
    expect(run.requests).toBe(5);
    expect(run.failures).toEqual({ ECONNREFUSED: 5 });
  });

  it('counts non-2xx answers and does not take them into latency', async () => {
    let n = 0;
    const url = await serve((_req, res) => {
      res.statusCode = ++n % 4 === 0 ? 500 : 200;
      res.end();
    });
    const run = await openLoop({ url, method: 'GET' }, 40, 0.5);
    expect(run.requests).toBe(20);
    expect(run.non2xx).toBe(5);
    expect(run.failures).toEqual({ 'HTTP 500': 5 });
  });

  it('counts a 200 answer that fails validation as a failure', async () => {
    let n = 0;
    const url = await serve((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(++n % 5 === 0 ? '{"errors":[{"message":"x","extensions":{"code":"QUERY_TIMEOUT"}}]}' : '{"data":{"__typename":"Query"}}');
    });
    const run = await openLoop({ url, method: 'GET', validate: graphqlFailure }, 40, 0.5);
    expect(run.requests).toBe(20);
    expect(run.failures).toEqual({ 'GraphQL QUERY_TIMEOUT': 4 });
  });

  it('sends a lead-in in the same stream and leaves its latencies out, not its failures', async () => {
    // The server stalls for its first 300 ms and fails its first three answers: all in the lead-in.
    const started = performance.now();
    let held: Array<() => void> | undefined = [];
    setTimeout(() => {
      for (const release of held!) release();
      held = undefined;
    }, 300);
    let n = 0;
    const url = await serve((_req, res) => {
      res.statusCode = ++n <= 3 ? 500 : 200;
      if (held) held.push(() => res.end());
      else res.end();
    });
    const measuring: number[] = [];
    const run = await openLoop({ url, method: 'GET' }, 40, 0.5, { seconds: 0.5, onMeasuring: () => measuring.push(performance.now() - started) });
    // 20 lead-in requests and 20 measured ones reached the server; the measured ones are counted.
    expect(n).toBe(40);
    expect(run.requests).toBe(20);
    expect(run.failures).toEqual({ 'HTTP 500': 3 });
    expect(run.non2xx).toBe(3);
    // The stall held lead-in requests only: without the lead-in it would be the measured tail (test above).
    expect(run.p99).toBeLessThan(200);
    // The hook ran once, as the first measured request went out, half a second in.
    expect(measuring).toHaveLength(1);
    expect(measuring[0]).toBeGreaterThanOrEqual(490);
  });
});

describe('graphqlFailure', () => {
  it('accepts data without errors and names what is wrong otherwise', () => {
    expect(graphqlFailure('{"data":{"a":1}}')).toBeUndefined();
    expect(graphqlFailure('{"data":null,"errors":[{"message":"m"}]}')).toBe('GraphQL error');
    expect(graphqlFailure('{"errors":[{"message":"m","extensions":{"code":"BAD_USER_INPUT"}}]}')).toBe('GraphQL BAD_USER_INPUT');
    expect(graphqlFailure('{}')).toBe('GraphQL answer without data');
    expect(graphqlFailure('<html>')).toBe('not JSON');
  });
});
