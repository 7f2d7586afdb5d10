import type { ActorResolvers } from '../../generated/graphql.js';
import type { ActorRecord, EventRecord, SourceRecord } from '../../store/GraphStore.js';
import { badInput } from '../errors.js';
import { claimsField } from './claims-field.js';
import { many } from './neighbours.js';

export const Actor: ActorResolvers = {
  memberOf: many<ActorRecord>('Actor.memberOf'),
  members: many<ActorRecord>('Actor.members'),
  events: many<EventRecord>('Actor.events'),
  published: many<SourceRecord>('Actor.published'),
  claims: claimsField('madeBy'),
  claimsAbout: claimsField('aboutActor'),
  side: (actor, _, ctx) => ctx.loaders.stateOf.load(actor.id),
  mergedInto: (actor, _, ctx) => (actor.mergedInto ? ctx.loaders.node('Actor').load(actor.mergedInto) : null),
  history: (actor, { first }, ctx) => {
    const limit = first ?? 20;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw badInput(`history(first:) must be between 1 and 100; got ${limit}`, 'first');
    return ctx.loaders.history(limit).load(actor.id);
  },
};
