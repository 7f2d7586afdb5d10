/** When a batch of ids is cheaper looked up one by one than found by one scan (Engine.idBatches). */
import type { LookupTable } from '../cypher/Engine.js';

/**
 * Kuzu 0.11 answers `k.id = $id` from the primary-key index but `k.id IN $ids` by scanning the
 * table. A batch goes id by id, in parallel over the pool, when that is cheaper: when the table
 * holds more rows per id than one lookup costs in scanned rows. Measured on this machine with
 * statements prepared once and only the properties a query selects (bench:profile, /tmp scripts
 * of 2026-11-27): 20 claims one by one took 3.8 ms at 10k claims and 4.0 ms at 1M, against 6.1 and
 * 214 ms for the scan; 50, 8.3 and 9.1 ms against 6.1 and 316 ms (a lookup ~ 400 rows). Walking
 * CONTRADICTS from 20 claims one by one, 14.6 and 18.0 ms against 4.8 and 100 ms (~ 2,000 rows per
 * statement). Tables under 50,000 rows keep the one scan whatever the ids: it costs a few
 * milliseconds there, and an operation's statements then stay as many as its levels (the benchmark's
 * "store calls constant across result sizes", measured at 10k claims).
 */
export const LOOKUP_COST_IN_ROWS = { node: 400, walk: 2_000, minRows: 50_000 };

export type LookupCost = typeof LOOKUP_COST_IN_ROWS;

/** Rows per table, counted once and forgotten by every write (which may change them). */
export class RowCounts {
  private readonly counts = new Map<LookupTable, Promise<number>>();

  constructor(
    private readonly cost: LookupCost,
    private readonly count: (label: LookupTable) => Promise<number>,
  ) {}

  /** Whether `ids` lookups of one id each cost fewer rows than one scan of the table. */
  async apart(label: LookupTable, ids: number, statementCost: 'node' | 'walk'): Promise<boolean> {
    let rows = this.counts.get(label);
    if (!rows) {
      rows = this.count(label);
      this.counts.set(label, rows);
      rows.catch(() => this.counts.delete(label));
    }
    const total = await rows;
    return total >= this.cost.minRows && ids * this.cost[statementCost] < total;
  }

  clear(): void {
    this.counts.clear();
  }
}
