/**
 * Queries that reach the look-ahead (graphql/prefetch.ts) and the fields a query reads
 * (graphql/fields.ts) through fragments, aliases, interfaces, nested lists and later pages: the
 * PREFETCH and FETCH_SELECTED tests ask each with the setting off and on.
 */
import { encodeCursor } from '../../src/graphql/pagination.js';

export const LOOK_AHEAD: readonly string[] = [
  `{ claim(id: "claim:isw-752km2-2024") { id
      claimant { ... on Actor { name memberOf { name } } ... on Source { title } }
      contradictedBy { id claimant { ... on Actor { name } } contradictedBy { id } }
      contradictions { kind rule from { id } to { id } claim { id } }
      source { title publisher { name } }
      about { ... on Place { name partOf { name } } ... on Actor { name } } } }`,
  `{ place(id: "place:kursk-oblast") { name partOf { name }
      parts { name parts { name } events { name places { name } }
        claims(first: 3) { totalCount edges { cursor node { id source { title } corroboratedBy { id } } } } } } }`,
  '{ actor(id: "actor:isw") { claims(first: 3) { nodes { ...F } } members { name } memberOf { name } } } fragment F on Claim { id contradicts { id source { title } } referredBy { relation claim { id } } refersTo { relation } }',
  '{ node(id: "actor:russia") { ... on Actor { name events { name participants { name } } published { title } } } }',
  '{ nodes(ids: ["event:kursk-incursion", "source:003-russian-advances-kursk"]) { ... on Event { name place { name } participants { name } } ... on Source { title text publisher { name } claims(first: 2) { nodes { id about { __typename } } } } } }',
  '{ claims(first: 10, filter: { about: "Ukraine" }) { totalCount nodes { id claimant { ... on Actor { name } } s: source { title } about { ... on Node { id } } contradicts { id claimant { ... on Actor { name } } } } } }',
  '{ actors(first: 50) { nodes { name claims(first: 2) { nodes { id contradictedBy { id } } } } } }',
  // A later page, and one past the end: its total still comes back with no claims read.
  `{ place(id: "place:sudzha") { claims(first: 1, after: "${encodeCursor(0)}") { totalCount nodes { id claimant { __typename } } pageInfo { hasNextPage } } } }`,
  `{ place(id: "place:sudzha") { claims(first: 5, after: "${encodeCursor(50)}") { totalCount nodes { id claimant { __typename } } } } }`,
];
