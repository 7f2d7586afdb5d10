/** One logger: what the server masks for clients reaches the log in full, and nothing writes to the console. */
import fs from 'node:fs';
import path from 'node:path';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createFormatError, httpErrors } from '../../src/server/errors.js';
import { createLogger } from '../../src/server/logging.js';

function capture() {
  const lines: Array<Record<string, any>> = [];
  return { lines, logger: createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) }) };
}

describe('error logging', () => {
  it('masks an internal error for the client and logs it with its stack', () => {
    const { lines, logger } = capture();
    const original = new Error('kuzu: Binder exception: secret table name');
    const wrapped = new GraphQLError(original.message, { path: ['claims'], originalError: original });
    const formatted = createFormatError(logger)({ message: wrapped.message, path: ['claims'], extensions: {} }, wrapped);
    expect(formatted).toEqual({ message: 'Internal server error', path: ['claims'], locations: undefined, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, path: ['claims'], err: { message: original.message, stack: expect.stringContaining('logging.test.ts') } });
  });

  it('logs an unexpected HTTP error and answers a fixed message', () => {
    const { lines, logger } = capture();
    let status = 0;
    let body: unknown;
    const res = { status: (s: number) => ((status = s), res), json: (b: unknown) => void (body = b) };
    httpErrors(1024, logger)(new Error('socket exploded'), {} as never, res as never, () => undefined);
    expect(status).toBe(500);
    expect(body).toEqual({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    expect(lines[0]).toMatchObject({ level: 50, err: { message: 'socket exploded' } });
  });

  it('leaves no console call in src/: everything goes through the logger', () => {
    const root = path.resolve(import.meta.dirname, '../../src');
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const offenders = files.filter((f) => /\bconsole\.(log|error|warn|info|debug)\(/.test(fs.readFileSync(path.join(root, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
