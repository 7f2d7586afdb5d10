/**
 * Looking ahead at an operation: which relationship fields it will read of the nodes a field
 * returns, as a Prefetch the store fetches in the statement that reads the nodes (as
 * @neo4j/graphql compiles a selection into one statement). The loaders are primed with what came
 * back, so the fields' resolvers find their answers without another round trip; a field the
 * look-ahead leaves out still resolves through its loader.
 */
import { Kind, isAbstractType, isObjectType, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { NodeLabel } from '../domain/model.js';
import { EDGES } from '../store/edges.js';
import type { EdgeName, Prefetch } from '../store/GraphStore.js';

/**
 * The fields whose resolver reads exactly one edge's loader and takes no argument (resolvers/
 * Claim.ts, Place.ts, Actor.ts, Source.ts, Event.ts): what a look-ahead may fetch early. `nests`
 * is false where the field's value is not the neighbour itself (a ClaimLink holds it in `claim`).
 */
export const FIELD_EDGES: Readonly<Record<NodeLabel, Readonly<Record<string, { edge: EdgeName; nests: boolean }>>>> = {
  Claim: {
    claimant: { edge: 'Claim.claimant', nests: true },
    source: { edge: 'Claim.source', nests: true },
    about: { edge: 'Claim.about', nests: true },
    contradicts: { edge: 'Claim.contradicts', nests: true },
    contradictedBy: { edge: 'Claim.conflicts', nests: true },
    corroboratedBy: { edge: 'Claim.corroborations', nests: true },
    contradictions: { edge: 'Claim.conflicts', nests: false },
    corroborations: { edge: 'Claim.corroborations', nests: false },
    refersTo: { edge: 'Claim.refersTo', nests: false },
    referredBy: { edge: 'Claim.referredBy', nests: false },
  },
  Place: {
    partOf: { edge: 'Place.partOf', nests: true },
    parts: { edge: 'Place.parts', nests: true },
    events: { edge: 'Place.events', nests: true },
  },
  Actor: {
    memberOf: { edge: 'Actor.memberOf', nests: true },
    members: { edge: 'Actor.members', nests: true },
    events: { edge: 'Actor.events', nests: true },
    published: { edge: 'Actor.published', nests: true },
  },
  Source: { publisher: { edge: 'Source.publisher', nests: true } },
  Event: {
    place: { edge: 'Event.places', nests: true },
    places: { edge: 'Event.places', nests: true },
    participants: { edge: 'Event.participants', nests: true },
  },
};

type Info = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments' | 'schema'>;

/** The fields selected on an object type under these field nodes, by name, through fragments that apply to it. */
function fieldsOn(info: Info, typename: string, sets: ReadonlyArray<SelectionSetNode | undefined>): Map<string, FieldNode[]> {
  const out = new Map<string, FieldNode[]>();
  const type = info.schema.getType(typename);
  const applies = (condition: string | undefined): boolean => {
    if (!condition || condition === typename) return true;
    const named = info.schema.getType(condition);
    return !!named && isAbstractType(named) && isObjectType(type) && info.schema.isSubType(named, type);
  };
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode | undefined): void => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) out.set(s.name.value, [...(out.get(s.name.value) ?? []), s]);
      else if (s.kind === Kind.INLINE_FRAGMENT) {
        if (applies(s.typeCondition?.name.value)) visit(s.selectionSet);
      } else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        const fragment = info.fragments[s.name.value];
        if (fragment && applies(fragment.typeCondition.name.value)) visit(fragment.selectionSet);
      }
    }
  };
  sets.forEach(visit);
  return out;
}

function merge(a: Prefetch | undefined, b: Prefetch): Prefetch {
  if (!a) return b;
  const out: Record<string, Prefetch> = { ...a };
  for (const [edge, then] of Object.entries(b) as Array<[EdgeName, Prefetch]>) out[edge] = merge(out[edge], then);
  return out;
}

/** What the selection sets, on nodes of `label`, read through edges, nested where the neighbour is of one label. */
function prefetchOn(info: Info, label: NodeLabel, sets: ReadonlyArray<SelectionSetNode | undefined>): Prefetch {
  let out: Prefetch = {};
  for (const [name, nodes] of fieldsOn(info, label, sets)) {
    const field = FIELD_EDGES[label][name];
    if (!field || nodes.some((n) => (n.arguments?.length ?? 0) > 0)) continue;
    const to = EDGES[field.edge].to;
    const then = field.nests && to.length === 1 ? prefetchOn(info, to[0]!, nodes.map((n) => n.selectionSet)) : {};
    out = merge(out, { [field.edge]: then });
  }
  return out;
}

/** For a field returning nodes of `label` (a node, or a list of them). */
export function prefetchOfNodes(info: Info, label: NodeLabel): Prefetch {
  return prefetchOn(info, label, info.fieldNodes.map((f) => f.selectionSet));
}

/** For a field returning a connection of claims: what its `nodes` and `edges { node }` read. */
export function prefetchOfClaims(info: Info): Prefetch {
  const connection = fieldsOn(info, 'ClaimConnection', info.fieldNodes.map((f) => f.selectionSet));
  const edges = fieldsOn(info, 'ClaimEdge', (connection.get('edges') ?? []).map((f) => f.selectionSet));
  return prefetchOn(info, 'Claim', [...(connection.get('nodes') ?? []), ...(edges.get('node') ?? [])].map((f) => f.selectionSet));
}

/** Whether a Prefetch walks any edge. */
export const walksAny = (prefetch: Prefetch): boolean => Object.keys(prefetch).length > 0;
