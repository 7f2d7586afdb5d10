/**
 * Opening a data folder, with the errors an operator can act on: a folder that cannot be written,
 * a database another process holds, a file of another Kuzu storage version (Kuzu says each only in
 * its message).
 */
import fs from 'node:fs';
import path from 'node:path';
import kuzu from 'kuzu';
import type { Connection, Database } from 'kuzu';
import { StoreUnavailableError } from '../errors.js';
import { storageVersionError } from './migrate.js';

/** The write-ahead log's file, which grows with every commit until a checkpoint. */
export const walFile = (dataDir: string): string => path.join(dataDir, 'claimgraph.kuzu.wal');

/** `count` connections to `db`, initialised. */
export async function connect(db: Database, count: number): Promise<Connection[]> {
  const connections: Connection[] = [];
  for (let i = 0; i < count; i++) {
    const c = new kuzu.Connection(db);
    await c.init();
    connections.push(c);
  }
  return connections;
}

export async function openDatabase(options: { dataDir: string; bufferPoolMb: number; maxSizeGib?: number }): Promise<Database> {
  const file = path.join(options.dataDir, 'claimgraph.kuzu');
  try {
    fs.mkdirSync(options.dataDir, { recursive: true });
    fs.accessSync(options.dataDir, fs.constants.W_OK);
  } catch (cause) {
    throw new StoreUnavailableError(
      `The data folder ${options.dataDir} cannot be created or written (${(cause as NodeJS.ErrnoException).code ?? 'error'}). Set DATA_DIR to a writable folder.`,
      { cause },
    );
  }
  const maxSize = options.maxSizeGib ? options.maxSizeGib * 2 ** 30 : 0;
  // Kuzu's own checkpoints (at a commit that grows the log past its threshold) are off: the
  // engine checkpoints itself, and opens the database again after each (OpenDatabase.checkpoint).
  const db = new kuzu.Database(file, options.bufferPoolMb * 1024 * 1024, true, false, maxSize, false);
  try {
    await db.init();
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    // Kuzu reports a held lock only in its message ("Could not set lock on file").
    if (/lock/i.test(message)) {
      throw new StoreUnavailableError(
        `The embedded database ${file} is in use by another process (is the server running?). Stop it, or set DATA_DIR to another folder.`,
        { cause },
      );
    }
    // A file of another Kuzu storage version: Kuzu says so only in its message.
    const incompatible = storageVersionError(options.dataDir, message, cause);
    if (incompatible) throw incompatible;
    throw new StoreUnavailableError(`The embedded database ${file} cannot be opened: ${message}`, { cause });
  }
  return db;
}
