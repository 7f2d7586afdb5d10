/**
 * Filters (GraphQL input) -> criteria (store), resolving every reference first. The checks claim
 * lists and link lists share (about, topic, statedBetween) live once, in sharedCriteria.
 */
import { dayRange } from '../domain/dates.js';
import type { ClaimFilter, Topic } from '../generated/graphql.js';
import type { ClaimCriteria, LinkCriteria } from '../store/GraphStore.js';
import type { Context } from './context.js';
import { badInput } from './errors.js';
import { resolveReferences, resolveSubjects } from './references.js';

/** What claim filters and link filters both take. */
export interface SharedFilter {
  about?: string | null;
  topic?: Topic[] | null;
  statedBetween?: { from?: string | null; to?: string | null } | null;
}

/** about, topic and statedBetween as criteria, each checked the same way wherever it appears. */
export async function sharedCriteria(ctx: Context, filter: SharedFilter): Promise<Pick<LinkCriteria, 'about' | 'topics' | 'stated'>> {
  const criteria: Pick<LinkCriteria, 'about' | 'topics' | 'stated'> = {};
  if (filter.about != null) {
    const about = await resolveSubjects(ctx, filter.about, 'filter.about');
    criteria.about = about.map((s) => ({ label: s.label, id: s.id }));
  }
  if (filter.topic != null) {
    if (filter.topic.length === 0) throw badInput('filter.topic must list at least one topic', 'filter.topic');
    criteria.topics = [...new Set(filter.topic)];
  }
  if (filter.statedBetween != null) criteria.stated = range(filter.statedBetween, 'filter.statedBetween');
  return criteria;
}

export async function toCriteria(ctx: Context, filter: ClaimFilter | null | undefined): Promise<ClaimCriteria> {
  if (!filter) return {};
  const [shared, claimants, sources] = await Promise.all([
    sharedCriteria(ctx, filter),
    filter.claimant != null ? resolveReferences(ctx, filter.claimant, ['Actor', 'Source'], 'filter.claimant') : undefined,
    filter.source != null ? resolveReferences(ctx, filter.source, ['Source'], 'filter.source') : undefined,
  ]);
  const criteria: ClaimCriteria = { ...shared };
  if (claimants) criteria.claimantIds = await withMembers(ctx, claimants.map((c) => c.id));
  if (sources) criteria.sourceIds = [...new Set(sources.map((s) => s.id))];
  if (filter.contested != null) criteria.contested = filter.contested;
  if (filter.periodOverlaps != null) criteria.period = range(filter.periodOverlaps, 'filter.periodOverlaps');
  if (filter.rank != null) {
    if (filter.rank.length === 0) throw badInput('filter.rank must list at least one rank', 'filter.rank');
    criteria.ranks = [...new Set(filter.rank)];
  }
  return criteria;
}

/** Claimants and every actor within them through memberOf: a claim by Belousov is a claim by Russia. */
async function withMembers(ctx: Context, ids: string[]): Promise<string[]> {
  const actors = ids.filter((id) => id.startsWith('actor:'));
  const members = actors.length > 0 ? await ctx.store.membersOf(actors) : new Map<string, string[]>();
  return [...new Set(ids.flatMap((id) => [id, ...(members.get(id) ?? [])]))].sort();
}

function range(value: { from?: string | null; to?: string | null }, argument: string) {
  try {
    return dayRange(value.from, value.to);
  } catch (error) {
    throw badInput(`${argument}: ${(error as Error).message}`, argument);
  }
}
