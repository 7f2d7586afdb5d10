/**
 * What a query reads of the nodes it reaches: for each label, the stored properties behind the
 * fields it selects, so the store returns those and no others (GraphReader.withDeadline `fields`).
 * A walk to a claim's claimant then reads its name, not its description and aliases: Kuzu reads a
 * column per property returned, Neo4j sends each over Bolt. @neo4j/graphql projects a selection
 * the same way.
 *
 * A record read this way holds only those properties, so the table below must name every property
 * a field's resolver reads. Anything it does not know reads whole nodes: a node field missing from
 * FIELD_PROPERTIES reads its label whole, and a field of any other type missing from PASSING (an
 * analysis, the audit trail, a mutation) reads every label whole for the whole operation, since its
 * resolver may hand records to code that reads them all. test/api/fields.test.ts asks every field
 * listed here with and without it and compares the answers.
 */
import { TypeInfo, isAbstractType, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import { NODE_LABELS, type NodeLabel } from '../domain/model.js';
import type { Fields } from '../store/GraphStore.js';

const BASIS = ['basisKind', 'basisSource', 'basisQuote'];
const NAMES = ['names'];

/** Read of every node of a label whatever the query selects: its id, and the name reference resolution shows. */
const BASE: Readonly<Record<NodeLabel, readonly string[]>> = {
  Claim: ['id'], Actor: ['id', 'name'], Place: ['id', 'name'], Event: ['id', 'name'], Source: ['id', 'title'],
};

/**
 * The stored properties (store/properties.ts) each field of a node type reads of its node. A field
 * resolved through a loader reads only the id; a field absent from its type's list reads the node whole.
 */
export const FIELD_PROPERTIES: Readonly<Record<NodeLabel, Readonly<Record<string, readonly string[]>>>> = {
  Claim: {
    id: [], statement: ['statement'], quote: ['quote'], quoteStart: ['quoteStart'], quoteEnd: ['quoteEnd'],
    topic: ['topic'], stance: ['stance'], hedged: ['hedged'], statedAt: ['statedValue', 'statedPrecision'],
    period: ['periodStartValue', 'periodStartPrecision', 'periodEndValue', 'periodEndPrecision'],
    quantity: ['quantityValue', 'quantityUnit', 'quantityQualifier', 'quantityText', 'quantityVague'],
    rank: ['rank'], rankReason: ['rankReason'],
    claimant: ['claimantId'], source: ['sourceId'], about: [], contradicts: ['contested'], contradictedBy: ['contested'], corroboratedBy: [],
    contradictions: ['contested'], corroborations: [], refersTo: [], referredBy: [],
  },
  Actor: {
    id: [], name: ['name'], kind: ['kind'], aliases: NAMES, description: ['description'], descriptionBasis: BASIS,
    mergedInto: ['mergedInto'], memberOf: [], members: [], claims: [], claimsAbout: [], events: [], published: [], side: [],
  },
  Place: {
    id: [], name: ['name'], kind: ['kind'], aliases: NAMES, descriptionBasis: BASIS,
    partOf: [], ancestors: [], parts: [], claims: [], events: [],
  },
  Event: {
    id: [], name: ['name'], kind: ['kind'], aliases: NAMES, description: ['description'], descriptionBasis: BASIS,
    start: ['startValue', 'startPrecision'], end: ['endValue', 'endPrecision'], place: [], places: [], participants: [], claims: [],
  },
  Source: {
    id: [], title: ['title'], name: ['shortName', 'title'], shortName: ['shortName'], file: ['file'], language: ['language'],
    publishedOn: ['publishedValue', 'publishedPrecision'], description: ['description'], descriptionBasis: BASIS, url: ['url'],
    // The text is never in a read for the API: Source.text reads it apart (loaders.sourceText).
    text: [], publisher: [], claims: [],
  },
};

const PAGED = ['nodes', 'edges', 'pageInfo', 'totalCount'];
const EDGE = ['cursor', 'node'];

/**
 * Fields of the other types whose resolvers read no property of a record beyond its id: they look
 * nodes up, page them or pass them on, or hold values the node's own field already read (a claim's
 * `quantity` is read whole by Claim.quantity).
 */
export const PASSING: Readonly<Record<string, readonly string[]>> = {
  Query: ['node', 'nodes', 'actor', 'place', 'event', 'source', 'claim', 'actors', 'places', 'events', 'sources', 'claims'],
  ClaimConnection: PAGED, ActorConnection: PAGED, PlaceConnection: PAGED, EventConnection: PAGED, SourceConnection: PAGED,
  ClaimEdge: EDGE, ActorEdge: EDGE, PlaceEdge: EDGE, EventEdge: EDGE, SourceEdge: EDGE,
  PageInfo: ['hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor'],
  ClaimLink: ['claim', 'kind', 'explanation', 'rule', 'direction', 'independent', 'dependence', 'from', 'to', 'type'],
  ClaimReference: ['claim', 'relation', 'explanation'],
  DescriptionBasis: ['kind', 'source', 'quote'],
  PartialDate: ['value', 'precision', 'earliest', 'latest'],
  Period: ['start', 'end'],
  Quantity: ['value', 'unit', 'qualifier', 'text', 'vague'],
};

const isLabel = (name: string): name is NodeLabel => (NODE_LABELS as readonly string[]).includes(name);

/** Computed once per parsed document: Apollo hands the same DocumentNode to every request with the same query text. */
const known = new WeakMap<DocumentNode, Fields | null>();

/** What the document's queries read of each label; undefined when it must read whole nodes (module comment). */
export function fieldsRead(schema: GraphQLSchema, document: DocumentNode): Fields | undefined {
  let fields = known.get(document);
  if (fields === undefined) {
    fields = readOf(schema, document);
    known.set(document, fields);
  }
  return fields ?? undefined;
}

function readOf(schema: GraphQLSchema, document: DocumentNode): Fields | null {
  const read = new Map<NodeLabel, Set<string> | 'whole'>(NODE_LABELS.map((l) => [l, new Set(BASE[l])]));
  let partial = true;
  const info = new TypeInfo(schema);
  visit(document, visitWithTypeInfo(info, {
    // Mutations and subscriptions read whole nodes: what they return may be written back.
    OperationDefinition(node) {
      if (node.operation !== 'query') partial = false;
    },
    Field(node) {
      const parent = info.getParentType();
      const name = node.name.value;
      if (!parent || name.startsWith('__')) return;
      const types = isAbstractType(parent) ? schema.getPossibleTypes(parent) : [parent];
      for (const type of types) {
        if (!isLabel(type.name)) {
          if (!PASSING[type.name]?.includes(name)) partial = false;
          continue;
        }
        const now = read.get(type.name)!;
        const properties = FIELD_PROPERTIES[type.name][name];
        if (now === 'whole') continue;
        if (!properties) read.set(type.name, 'whole');
        else for (const p of properties) now.add(p);
      }
    },
  }));
  if (!partial) return null;
  return Object.fromEntries([...read].flatMap(([label, props]) => (props === 'whole' ? [] : [[label, [...props]]])));
}
