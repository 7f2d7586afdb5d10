import type { PlaceResolvers } from '../../generated/graphql.js';
import type { EventRecord, PlaceRecord } from '../../store/GraphStore.js';
import { MAX_HIERARCHY_DEPTH } from '../../domain/model.js';
import { claimsField } from './claims-field.js';
import { many, one } from './neighbours.js';

const partOf = one<PlaceRecord>('Place.partOf');

export const Place: PlaceResolvers = {
  partOf,
  // One batched call per level of the hierarchy, shared by every place on the page.
  ancestors: async (place, _, ctx) => {
    const chain: PlaceRecord[] = [];
    let current: PlaceRecord | null = place;
    while (current && chain.length < MAX_HIERARCHY_DEPTH) {
      current = await partOf(current, {}, ctx);
      if (current) chain.push(current);
    }
    return chain;
  },
  parts: many<PlaceRecord>('Place.parts'),
  events: many<EventRecord>('Place.events'),
  claims: claimsField('aboutPlace'),
};
