import type { PlaceResolvers } from '../../generated/graphql.js';
import type { EventRecord, PlaceRecord } from '../../store/GraphStore.js';
import { MAX_HIERARCHY_DEPTH } from '../../domain/model.js';
import { claimsField } from './claims-field.js';
import { many } from './neighbours.js';

const partOf = many<PlaceRecord>('Place.partOf');

export const Place: PlaceResolvers = {
  partOf,
  // Breadth first, one batched call per level shared by every place on the page; a place reached
  // along two paths (Donetsk Oblast -> Ukraine, Donetsk Oblast -> Donbas -> Ukraine) is walked once.
  ancestors: async (place, _, ctx) => {
    const seen = new Set([place.id]);
    const found: PlaceRecord[] = [];
    let level: PlaceRecord[] = [place];
    for (let depth = 0; level.length > 0 && depth < MAX_HIERARCHY_DEPTH; depth++) {
      const parents = (await Promise.all(level.map((p) => partOf(p, {}, ctx)))).flat();
      level = parents.filter((p) => !seen.has(p.id) && seen.add(p.id));
      found.push(...level);
    }
    return found;
  },
  parts: many<PlaceRecord>('Place.parts'),
  events: many<EventRecord>('Place.events'),
  claims: claimsField('aboutPlace'),
};
