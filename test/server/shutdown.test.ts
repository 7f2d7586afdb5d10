/** Shutdown: the server first, then the store, within a bound, with an exit code that says how it went. */
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/server/logging.js';
import { shutdown } from '../../src/server/shutdown.js';

function parts(closeServer: () => Promise<void>, closeStore: () => Promise<void>, timeoutMs = 200) {
  const lines: Array<Record<string, any>> = [];
  const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { lines, parts: { server: { close: closeServer }, store: { close: closeStore }, logger, timeoutMs } };
}

describe('shutdown', () => {
  it('closes the server, then the store, and answers 0', async () => {
    const order: string[] = [];
    const { lines, parts: p } = parts(async () => void order.push('server'), async () => void order.push('store'));
    expect(await shutdown(p, 'SIGTERM')).toBe(0);
    expect(order).toEqual(['server', 'store']);
    expect(lines.map((l) => l.msg)).toEqual([
      'SIGTERM: finishing in-flight requests, then closing the store', 'HTTP server closed', 'store closed; exiting',
    ]);
  });

  it('gives up when the bound has passed, and answers 1', async () => {
    const { lines, parts: p } = parts(async () => undefined, () => new Promise<void>(() => undefined), 150);
    const t0 = performance.now();
    expect(await shutdown(p, 'SIGINT')).toBe(1);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(lines.at(-1)).toMatchObject({ level: 50, msg: 'shutdown did not finish within 150 ms (SHUTDOWN_TIMEOUT_MS); exiting anyway' });
  });

  it('answers 1 when a step fails, logging why', async () => {
    const { lines, parts: p } = parts(async () => {
      throw new Error('drain failed');
    }, async () => undefined);
    expect(await shutdown(p, 'SIGTERM')).toBe(1);
    expect(lines.at(-1)).toMatchObject({ level: 50, msg: 'shutdown failed', err: { message: 'drain failed' } });
  });
});
