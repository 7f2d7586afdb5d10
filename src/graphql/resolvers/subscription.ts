/** Subscription: resolve `about` once, at subscribe time, then hand the hub's events to GraphQL (LiveUpdates.ts). */
import { GraphQLError } from 'graphql';
import type { SubscriptionResolvers } from '../../generated/graphql.js';
import type { Context } from '../context.js';
import type { LiveContext, LiveEvent, LiveKind } from '../LiveUpdates.js';
import { resolveSubjects } from '../references.js';

/** Over HTTP a subscription is executed like a query, with no event: it is refused, not crashed on. */
function overWebSocketOnly(): GraphQLError {
  return new GraphQLError('Subscriptions are served over WebSocket (the graphql-ws protocol) at /graphql, not over HTTP.', {
    extensions: { code: 'BAD_REQUEST' },
  });
}

async function events(ctx: Context, kind: LiveKind, about: string | null | undefined): Promise<AsyncIterable<LiveEvent>> {
  const live = (ctx as Partial<LiveContext>).live;
  if (!live) throw overWebSocketOnly();
  // "Russia" is the state and the country: claims about either are about Russia.
  const subjects = about == null ? null : (await resolveSubjects(ctx, about, 'about')).map((s) => s.id);
  return live.subscribe(kind, subjects);
}

type Of<K extends LiveKind> = Extract<LiveEvent, { kind: K }> | undefined;

export const Subscription: SubscriptionResolvers = {
  claimAdded: {
    subscribe: (_, { about }, ctx) => events(ctx, 'claimAdded', about),
    resolve: (event: Of<'claimAdded'>) => {
      if (!event) throw overWebSocketOnly();
      return event.claim;
    },
  },
  contradictionFound: {
    subscribe: (_, { about }, ctx) => events(ctx, 'contradictionFound', about),
    resolve: (event: Of<'contradictionFound'>) => {
      if (!event) throw overWebSocketOnly();
      return event.link;
    },
  },
};
