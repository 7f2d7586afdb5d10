import type { ActorResolvers } from '../../generated/graphql.js';
import type { ActorRecord, EventRecord, SourceRecord } from '../../store/GraphStore.js';
import { history } from './history.js';
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
  history,
};
