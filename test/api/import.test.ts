/**
 * POST /import over real HTTP: editors only (401 without a token, 403 for a reader), NDJSON only,
 * the body streamed in chunks, the summary as JSON, a rejected file answered 400 with its problems
 * by line and field and nothing written, and one over IMPORT_MAX_BYTES answered 413 with nothing written.
 */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimLine, header } from '../ingest/import-file.js';
import { startTestServer, type TestServer } from '../support/server.js';

const KEYS = { API_KEYS: 'ed:editor:editor-key-0123456789,re:reader:reader-key-0123456789' };

describe('POST /import', () => {
  let server: TestServer;
  const post = (body: string | ReadableStream, headers: Record<string, string> = {}) =>
    fetch(`${server.origin}/import`, {
      method: 'POST', body, headers: { 'content-type': 'application/x-ndjson', authorization: 'Bearer editor-key-0123456789', ...headers },
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
  const counts = async () => (await server.store.counts()).nodes;

  beforeAll(async () => {
    server = await startTestServer({ env: KEYS });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  it('imports a streamed body and answers the summary', async () => {
    const lines = [...header('http'), ...Array.from({ length: 50 }, (_, i) => claimLine('http', i + 1, 5))];
    // Sent in chunks that cut lines in two, as a client streaming a file does.
    const text = `${lines.join('\n')}\n`;
    const chunks = Array.from({ length: Math.ceil(text.length / 997) }, (_, i) => text.slice(i * 997, (i + 1) * 997));
    const res = await post(Readable.toWeb(Readable.from(chunks)) as ReadableStream);
    expect(res.status).toBe(200);
    const summary = (await res.json()) as any;
    expect(summary).toMatchObject({ created: { source: 1, actor: 2, place: 1, claim: 50 }, change: expect.stringMatching(/^change:\d+$/) });
    expect(summary.linksFound).toBeGreaterThan(0);
    const again = (await (await post(text)).json()) as any;
    expect(again).toMatchObject({ change: null, unchanged: { claim: 50 } });
  });

  it('answers 400 with the problems by line and field, writing nothing', async () => {
    const before = await counts();
    const lines = [...header('reject'), claimLine('reject', 1, 1), claimLine('reject', 2, 1).replace('"statedAt":"2024-11-20"', '"statedAt":"2024-13-45"')];
    const res = await post(`${lines.join('\n')}\n`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as any;
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', more: 0, problems: [{ line: 6, field: 'statedAt' }] });
    expect(await counts()).toEqual(before);
  });

  it('refuses a caller without a token (401) or without the editor role (403), and a body that is not NDJSON (415)', async () => {
    const body = `${header('refused').join('\n')}\n`;
    const before = await counts();
    const anonymous = await post(body, { authorization: '' });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const reader = await post(body, { authorization: 'Bearer reader-key-0123456789' });
    expect(reader.status).toBe(403);
    expect(((await reader.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await post(body, { 'content-type': 'application/json' })).status).toBe(415);
    expect(await counts()).toEqual(before);
  });
});

describe('POST /import over IMPORT_MAX_BYTES', () => {
  let server: TestServer;
  const LIMIT = 4096;
  beforeAll(async () => {
    server = await startTestServer({ env: { ...KEYS, IMPORT_MAX_BYTES: String(LIMIT) } });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  const post = (body: string | ReadableStream) =>
    fetch(`${server.origin}/import`, {
      method: 'POST', body, headers: { 'content-type': 'application/x-ndjson', authorization: 'Bearer editor-key-0123456789' },
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);

  it('answers 413 and writes nothing, whether the length is declared or the body streamed', async () => {
    const before = (await server.store.counts()).nodes;
    const text = `${[...header('big'), ...Array.from({ length: 60 }, (_, i) => claimLine('big', i + 1, 5))].join('\n')}\n`;
    expect(text.length).toBeGreaterThan(2 * LIMIT);
    const declared = await post(text);
    expect(declared.status).toBe(413);
    expect(((await declared.json()) as any).errors[0]).toEqual({
      message: `The import is larger than ${LIMIT} bytes (IMPORT_MAX_BYTES); nothing was written.`, extensions: { code: 'PAYLOAD_TOO_LARGE' },
    });
    const chunks = Array.from({ length: Math.ceil(text.length / 500) }, (_, i) => text.slice(i * 500, (i + 1) * 500));
    const streamed = await post(Readable.toWeb(Readable.from(chunks)) as ReadableStream);
    expect(streamed.status).toBe(413);
    expect((await server.store.counts()).nodes).toEqual(before);

    // A file within the bound is imported as before.
    const small = `${[...header('small'), claimLine('small', 1, 1)].join('\n')}\n`;
    expect(small.length).toBeLessThan(LIMIT);
    const ok = await post(small);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as any).created.claim).toBe(1);
  });
});
