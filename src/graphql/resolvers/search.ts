/** `search`: one store call, ranked by the store's full-text index; highlights from the domain. */
import type { GraphQLResolveInfo } from 'graphql';
import { highlights } from '../../domain/highlight.js';
import type { NodeLabel } from '../../domain/model.js';
import type { QueryResolvers, SearchType } from '../../generated/graphql.js';
import type { NodeRecord } from '../../store/GraphStore.js';
import { badInput } from '../errors.js';
import { pageRequest, toConnection } from '../pagination.js';
import { selects } from '../selection.js';

const LABEL: Record<SearchType, NodeLabel> = { CLAIM: 'Claim', SOURCE: 'Source', ACTOR: 'Actor', PLACE: 'Place', EVENT: 'Event' };

/** The texts a hit was found in, as the store's index holds them (schema.ts FULLTEXT). */
function texts(node: NodeRecord): Array<string | null> {
  switch (node.label) {
    case 'Claim': return [node.statement, node.quote];
    case 'Source': return [node.title, node.text ?? null];
    case 'Place': return [node.name];
    default: return [node.name, node.description];
  }
}

export const Query: Pick<QueryResolvers, 'search'> = {
  search: async (_, args, ctx, info: GraphQLResolveInfo) => {
    const text = args.text.trim();
    if (!text) throw badInput('text must have at least one word', 'text');
    if (text.length > 500) throw badInput(`text must be at most 500 characters; got ${text.length}`, 'text');
    if (args.types?.length === 0) throw badInput('types must list at least one type, or be left out for all', 'types');
    const labels = [...new Set((args.types ?? (Object.keys(LABEL) as SearchType[])).map((t) => LABEL[t]))];
    const request = pageRequest(args, ctx.config, selects(info, 'totalCount'));
    const page = await ctx.store.search(text, labels, request);
    return toConnection({ ...page, items: page.items.map((h) => ({ ...h, highlights: highlights(text, texts(h.node)) })) }, request);
  },
};
