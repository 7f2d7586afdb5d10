/**
 * POST /import: a bulk import of NDJSON (ingest/import-ndjson.ts) over HTTP, for editors. The body
 * is streamed to a temporary file, never held whole, because the import reads it twice: once to
 * index it, once to check and write it in one transaction. Answers the summary as JSON, or 400 with
 * the problems (line, field, message); 401/403 as a mutation would, 415 for another content type,
 * 413 for a body over IMPORT_MAX_BYTES (stopped there: the disk never holds more).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import express, { type Response, type Router } from 'express';
import { GraphQLError } from 'graphql';
import { requireRole, type Viewer } from '../auth/index.js';
import type { Curator } from '../ingest/curate.js';
import { fileLines, ImportRejected, importNdjson } from '../ingest/import-ndjson.js';
import type { Logger } from './logging.js';

export const NDJSON = 'application/x-ndjson';

/** Who is calling, as /graphql admits them (app.ts): throws the GraphQL error to answer with. */
export type Admit = (authorization: string | undefined, requestId: string) => Promise<Viewer>;

function refuse(res: Response, error: GraphQLError): void {
  const http = error.extensions.http as { status?: number; headers?: Map<string, string> } | undefined;
  for (const [name, value] of http?.headers ?? []) res.setHeader(name, value);
  const { http: _dropped, ...extensions } = error.extensions;
  res.status(http?.status ?? 500).json({ errors: [{ message: error.message, extensions }] });
}

/**
 * Passes the body on up to `maxBytes`, then drops the rest and says so: the request is read to its
 * end (so the 413 reaches a client still sending) but no more of it is written.
 */
class Bounded extends Transform {
  received = 0;
  constructor(private readonly maxBytes: number) {
    super();
  }

  get over(): boolean {
    return this.received > this.maxBytes;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null, data?: Buffer) => void): void {
    this.received += chunk.length;
    done(null, this.over ? undefined : chunk);
  }
}

export function importRouter(
  curator: Curator, admit: Admit, logger: Logger, requestId: (given: string | undefined) => string, maxBytes: number,
): Router {
  const tooLarge = (res: Response) => res.status(413).json({
    errors: [{ message: `The import is larger than ${maxBytes} bytes (IMPORT_MAX_BYTES); nothing was written.`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
  });
  const router = express.Router();
  router.post('/', async (req, res, next) => {
    const id = requestId(req.get('x-request-id'));
    res.setHeader('x-request-id', id);
    let writer: NonNullable<Viewer>;
    try {
      writer = requireRole(await admit(req.get('authorization'), id), 'editor');
    } catch (error) {
      if (error instanceof GraphQLError) return refuse(res, error);
      return next(error);
    }
    if (!req.is(NDJSON)) {
      res.status(415).json({ errors: [{ message: `Send the records as ${NDJSON}, one JSON object a line.`, extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    // A declared length over the bound is refused before anything is read.
    if (Number(req.get('content-length') ?? 0) > maxBytes) return void tooLarge(res);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-import-'));
    const file = path.join(dir, 'body.ndjson');
    try {
      const bounded = new Bounded(maxBytes);
      await pipeline(req, bounded, fs.createWriteStream(file));
      if (bounded.over) {
        logger.info({ requestId: id, who: writer.name, bytes: bounded.received }, 'import refused: too large');
        return void tooLarge(res);
      }
      const summary = await importNdjson(curator, writer, fileLines(file));
      logger.info({ requestId: id, who: writer.name, change: summary.change, created: summary.created }, 'import');
      res.json(summary);
    } catch (error) {
      if (!(error instanceof ImportRejected)) return next(error);
      logger.info({ requestId: id, who: writer.name, problems: error.problems.length + error.more }, 'import rejected');
      res.status(400).json({
        errors: [{ message: error.message, extensions: { code: 'BAD_USER_INPUT', problems: error.problems, more: error.more } }],
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  return router;
}
