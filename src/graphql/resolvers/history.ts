/** `history(first:)` of a claim or an actor: its changes, newest first, batched across parents. */
import type { ChangeRecord } from '../../store/GraphStore.js';
import type { Context } from '../context.js';
import { badInput } from '../errors.js';

export function history(node: { id: string }, args: { first?: number | null }, ctx: Context): Promise<ChangeRecord[]> {
  const limit = args.first ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw badInput(`history(first:) must be between 1 and 100; got ${limit}`, 'first');
  return ctx.loaders.history(limit).load(node.id);
}
