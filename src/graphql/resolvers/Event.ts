import type { EventResolvers } from '../../generated/graphql.js';
import type { ActorRecord, PlaceRecord } from '../../store/GraphStore.js';
import { claimsField } from './claims-field.js';
import { many, one } from './neighbours.js';

export const Event: EventResolvers = {
  place: one<PlaceRecord>('Event.places'),
  places: many<PlaceRecord>('Event.places'),
  participants: many<ActorRecord>('Event.participants'),
  claims: claimsField('aboutEvent'),
};
