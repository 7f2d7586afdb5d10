/**
 * A data folder's database while it is open: its connections, the statements that run without
 * parameters (exec), and checkpoints, after each of which the database is opened again.
 *
 * Why again: Kuzu 0.11.3 can leave a relationship table's in-memory index stale at a checkpoint,
 * when relationships created since the checkpoint before were deleted again (a claim added, its
 * contradictions derived, then the claim deprecated): the next read of that table crashes the
 * process (`CSRNodeGroup::scanCommittedInMemRandom`; LadybugDB, Kuzu's fork, fixed it after 0.11:
 * ladybug#611). Opened again, the database reads the index back from what the checkpoint wrote.
 * Kuzu's own checkpoints (at a commit that grows the log past a threshold) are therefore off
 * (open.ts), and the engine checkpoints through here instead: when the log outgrows its limit,
 * after a write that rolled back what it wrote, after a bulk load or a migration, and at close.
 */
import fs from 'node:fs';
import type { Connection, Database } from 'kuzu';
import { StoreQueryError, StoreUnavailableError } from '../errors.js';
import { connect, openDatabase, walFile } from './open.js';
import { Pool } from './Pool.js';

export interface FolderOptions {
  dataDir: string;
  bufferPoolMb: number;
  maxSizeGib?: number;
  connections?: number;
}

export class OpenDatabase {
  /** Why the database is closed, once it is: nothing may touch its native handles again (that crashes the process). */
  private closedBecause: string | null = null;

  private constructor(
    private db: Database,
    readonly pool: Pool,
    private readonly options: FolderOptions,
  ) {}

  static async open(options: FolderOptions): Promise<OpenDatabase> {
    const db = await openDatabase(options);
    return new OpenDatabase(db, new Pool(await connect(db, options.connections ?? 4)), options);
  }

  /** Throws StoreUnavailableError once the database is closed. */
  ensureOpen(): void {
    if (this.closedBecause) throw new StoreUnavailableError(this.closedBecause);
  }

  /** Statements without parameters that run once (transaction control, COPY of a temporary file, CHECKPOINT), unprepared. */
  async exec(c: Connection, statement: string): Promise<void> {
    this.ensureOpen();
    try {
      // Closed here, not left to the garbage collector: Kuzu 0.11.3 segfaults when it finalizes a
      // result whose transaction has ended (seen once a process had written to several databases).
      const results = await c.query(statement);
      for (const r of Array.isArray(results) ? results : [results]) r.close();
    } catch (cause) {
      throw new StoreQueryError(`Kuzu ${statement.split(' (')[0]} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
  }

  /** The size of the write-ahead log: what commits added since the last checkpoint. */
  logBytes(): number {
    try {
      return fs.statSync(walFile(this.options.dataDir)).size;
    } catch {
      return 0;
    }
  }

  /**
   * Checkpoints, then closes the database and opens it again, once every connection is idle
   * (statements sent meanwhile wait). If it cannot be opened again, the store is unavailable.
   */
  async checkpoint(): Promise<void> {
    if (this.closedBecause) return;
    await this.pool.exclusive(async (all) => {
      await this.exec(all[0]!, 'CHECKPOINT');
      await this.closeHandles(all);
      try {
        this.db = await openDatabase(this.options);
        return await connect(this.db, all.length);
      } catch (cause) {
        this.closedBecause = `The embedded database could not be opened again after a checkpoint: ${cause instanceof Error ? cause.message : String(cause)}`;
        throw new StoreUnavailableError(this.closedBecause, { cause });
      }
    });
  }

  /** Checkpoints, then closes the connections and the database, which releases its file lock; once every connection is idle. */
  async close(): Promise<void> {
    if (this.closedBecause) return;
    await this.pool.exclusive(async (all) => {
      if (this.closedBecause) return all;
      await this.exec(all[0]!, 'CHECKPOINT').catch(() => undefined);
      this.closedBecause = 'The embedded database is closed';
      await this.closeHandles(all);
      return all;
    });
  }

  private async closeHandles(connections: readonly Connection[]): Promise<void> {
    for (const c of connections) await c.close();
    await this.db.close();
  }
}
