/**
 * POST /import: a bulk import of NDJSON (ingest/import-ndjson.ts) over HTTP, for editors. The body
 * is streamed to a temporary file, never held whole, because the import reads it twice: once to
 * index it, once to check and write it in one transaction. Answers the summary as JSON, or 400 with
 * the problems (line, field, message); 401/403 as a mutation would, 415 for another content type.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

export function importRouter(curator: Curator, admit: Admit, logger: Logger, requestId: (given: string | undefined) => string): Router {
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
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-import-'));
    const file = path.join(dir, 'body.ndjson');
    try {
      await pipeline(req, fs.createWriteStream(file));
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
