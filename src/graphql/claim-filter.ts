/** ClaimFilter (GraphQL input) -> ClaimCriteria (store), resolving every reference first. */
import { dayRange } from '../domain/dates.js';
import type { ClaimFilter } from '../generated/graphql.js';
import type { ClaimCriteria } from '../store/GraphStore.js';
import type { Context } from './context.js';
import { badInput } from './errors.js';
import { resolveReferences, resolveSubjects } from './references.js';

export async function toCriteria(ctx: Context, filter: ClaimFilter | null | undefined): Promise<ClaimCriteria> {
  const criteria: ClaimCriteria = {};
  if (!filter) return criteria;
  const [about, claimants, sources] = await Promise.all([
    filter.about != null ? resolveSubjects(ctx, filter.about, 'filter.about') : undefined,
    filter.claimant != null ? resolveReferences(ctx, filter.claimant, ['Actor', 'Source'], 'filter.claimant') : undefined,
    filter.source != null ? resolveReferences(ctx, filter.source, ['Source'], 'filter.source') : undefined,
  ]);
  if (about) criteria.about = about.map((s) => ({ label: s.label, id: s.id }));
  if (claimants) criteria.claimantIds = [...new Set(claimants.map((c) => c.id))];
  if (sources) criteria.sourceIds = [...new Set(sources.map((s) => s.id))];
  if (filter.topic != null) {
    if (filter.topic.length === 0) throw badInput('filter.topic must list at least one topic', 'filter.topic');
    criteria.topics = [...new Set(filter.topic)];
  }
  if (filter.statedBetween != null) {
    try {
      criteria.stated = dayRange(filter.statedBetween.from, filter.statedBetween.to);
    } catch (error) {
      throw badInput(`filter.statedBetween: ${(error as Error).message}`, 'filter.statedBetween');
    }
  }
  if (filter.contested != null) criteria.contested = filter.contested;
  return criteria;
}
