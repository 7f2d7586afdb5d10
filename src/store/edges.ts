/** The allow-list behind GraphStore.neighbours: each walk is one relationship type in one direction. */
import type { NodeLabel } from '../domain/model.js';
import type { EdgeName, LinkInfo } from './GraphStore.js';
import type { RelType } from './schema.js';

export interface EdgeSpec {
  from: NodeLabel;
  rel: RelType;
  /** OUT follows the relationship from its start, IN from its end, BOTH either way. */
  direction: 'OUT' | 'IN' | 'BOTH';
  to: readonly NodeLabel[];
}

/** A walk's direction along its relationship, as a link reports it: from its start, or from its end. */
export type WalkDirection = LinkInfo['direction'];

/** The directions an edge is walked in: one, or both for an edge walked either way. */
export function directionsOf(edge: EdgeName): WalkDirection[] {
  const { direction } = EDGES[edge];
  return direction === 'BOTH' ? ['OUTGOING', 'INCOMING'] : [direction === 'OUT' ? 'OUTGOING' : 'INCOMING'];
}

export const EDGES: Record<EdgeName, EdgeSpec> = {
  'Claim.claimant': { from: 'Claim', rel: 'MADE', direction: 'IN', to: ['Actor', 'Source'] },
  'Claim.source': { from: 'Claim', rel: 'REPORTED_IN', direction: 'OUT', to: ['Source'] },
  'Claim.about': { from: 'Claim', rel: 'ABOUT', direction: 'OUT', to: ['Place', 'Actor', 'Event'] },
  'Claim.contradicts': { from: 'Claim', rel: 'CONTRADICTS', direction: 'OUT', to: ['Claim'] },
  'Claim.conflicts': { from: 'Claim', rel: 'CONTRADICTS', direction: 'BOTH', to: ['Claim'] },
  'Claim.corroborations': { from: 'Claim', rel: 'CORROBORATES', direction: 'BOTH', to: ['Claim'] },
  'Claim.refersTo': { from: 'Claim', rel: 'REFERS_TO', direction: 'OUT', to: ['Claim'] },
  'Claim.referredBy': { from: 'Claim', rel: 'REFERS_TO', direction: 'IN', to: ['Claim'] },
  'Actor.memberOf': { from: 'Actor', rel: 'MEMBER_OF', direction: 'OUT', to: ['Actor'] },
  'Actor.members': { from: 'Actor', rel: 'MEMBER_OF', direction: 'IN', to: ['Actor'] },
  'Actor.events': { from: 'Actor', rel: 'PARTICIPATED_IN', direction: 'OUT', to: ['Event'] },
  'Actor.published': { from: 'Actor', rel: 'PUBLISHED_BY', direction: 'IN', to: ['Source'] },
  'Place.partOf': { from: 'Place', rel: 'PART_OF', direction: 'OUT', to: ['Place'] },
  'Place.parts': { from: 'Place', rel: 'PART_OF', direction: 'IN', to: ['Place'] },
  'Place.events': { from: 'Place', rel: 'OCCURRED_IN', direction: 'IN', to: ['Event'] },
  'Source.publisher': { from: 'Source', rel: 'PUBLISHED_BY', direction: 'OUT', to: ['Actor'] },
  'Event.places': { from: 'Event', rel: 'OCCURRED_IN', direction: 'OUT', to: ['Place'] },
  'Event.participants': { from: 'Event', rel: 'PARTICIPATED_IN', direction: 'IN', to: ['Actor'] },
};
