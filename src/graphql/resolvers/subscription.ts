/** Subscription: resolve `about` once, at subscribe time, then hand the hub's events to GraphQL (LiveUpdates.ts). */
import { GraphQLError } from 'graphql';
import type { SubscriptionResolvers } from '../../generated/graphql.js';
import type { Context } from '../context.js';
import type { LiveContext, LiveEvent, LiveKind } from '../LiveUpdates.js';
import { resolveSubjects } from '../references.js';

async function events(ctx: Context, kind: LiveKind, about: string | null | undefined): Promise<AsyncIterable<LiveEvent>> {
  const live = (ctx as Partial<LiveContext>).live;
  if (!live) {
    throw new GraphQLError('Subscriptions are served over WebSocket (the graphql-ws protocol) at /graphql, not over HTTP.', {
      extensions: { code: 'BAD_REQUEST' },
    });
  }
  // "Russia" is the state and the country: claims about either are about Russia.
  const subjects = about == null ? null : (await resolveSubjects(ctx, about, 'about')).map((s) => s.id);
  return live.subscribe(kind, subjects);
}

export const Subscription: SubscriptionResolvers = {
  claimAdded: {
    subscribe: (_, { about }, ctx) => events(ctx, 'claimAdded', about),
    resolve: (event: Extract<LiveEvent, { kind: 'claimAdded' }>) => event.claim,
  },
  contradictionFound: {
    subscribe: (_, { about }, ctx) => events(ctx, 'contradictionFound', about),
    resolve: (event: Extract<LiveEvent, { kind: 'contradictionFound' }>) => event.link,
  },
};
