/**
 * The cost floor: a bare node:http endpoint that makes the same store calls as the GraphQL server
 * for the benchmark's two queries and writes the same JSON, with no GraphQL parsing, validation,
 * execution, Express or Apollo in between. The harness checks that both answer byte for byte the same.
 * Its reads return the same properties as the server's for the same query (FETCH_SELECTED, graphql/fields.ts).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, parse } from 'graphql';
import { nameKey } from '../src/domain/names.js';
import { fieldsRead } from '../src/graphql/fields.js';
import { loadTypeDefs } from '../src/server/schema.js';
import type { ClaimRecord, GraphReader, GraphStore, NodeRecord, PlaceRecord, SourceRecord } from '../src/store/GraphStore.js';
import { KURSK_QUERY, TRAVERSAL_QUERY } from './queries.js';

const name = (n: NodeRecord | undefined): string | undefined =>
  n === undefined ? undefined : n.label === 'Source' ? (n.shortName ?? n.title) : n.label === 'Claim' ? n.statement : n.name;

async function kursk(store: GraphReader): Promise<unknown> {
  const subjects = (await store.findByNameKeys(['Place', 'Actor', 'Event'], [nameKey('Kursk')])).get(nameKey('Kursk')) ?? [];
  const about = subjects.map((s) => ({ label: s.label as 'Place' | 'Actor' | 'Event', id: s.id }));
  const page = await store.findClaims({ about }, 'STATED_DESC', { offset: 0, limit: 20 });
  const ids = page.items.map((c) => c.id);
  const [claimants, sources, conflicts] = await Promise.all([
    store.neighbours('Claim.claimant', ids), store.neighbours('Claim.source', ids), store.neighbours('Claim.conflicts', ids),
  ]);
  // contradictedBy lists each claim once even when a pair is linked both ways.
  const contradictors = new Map(ids.map((id) => [id, [...new Map((conflicts.get(id) ?? []).map((n) => [n.node.id, n.node as ClaimRecord])).values()]]));
  const second = [...new Set([...contradictors.values()].flat().map((c) => c.id))];
  const theirClaimants = second.length > 0 ? await store.neighbours('Claim.claimant', second) : new Map();
  return {
    data: {
      claims: {
        totalCount: page.total,
        nodes: page.items.map((c) => ({
          statement: c.statement,
          quote: c.quote,
          claimant: { name: name(claimants.get(c.id)?.[0]?.node) },
          source: { title: (sources.get(c.id)?.[0]?.node as SourceRecord | undefined)?.title },
          contradictedBy: contradictors.get(c.id)!.map((x) => ({ statement: x.statement, claimant: { name: name(theirClaimants.get(x.id)?.[0]?.node) } })),
        })),
      },
    },
  };
}

async function traversal(store: GraphReader): Promise<unknown> {
  const [place] = ((await store.findByNameKeys(['Place'], [nameKey('Donetsk Oblast')])).get(nameKey('Donetsk Oblast')) ?? []) as PlaceRecord[];
  if (!place) return { data: { place: null } };
  const parts = ((await store.neighbours('Place.parts', [place.id])).get(place.id) ?? []).map((n) => n.node as PlaceRecord);
  const claims = parts.length > 0
    ? await store.findClaimsFor('aboutPlace', parts.map((p) => p.id), {}, 'STATED_DESC', { offset: 0, limit: 10 })
    : new Map();
  const claimIds = [...claims.values()].flatMap((p) => p.items.map((c: ClaimRecord) => c.id));
  const claimants = claimIds.length > 0 ? await store.neighbours('Claim.claimant', claimIds) : new Map();
  return {
    data: {
      place: {
        name: place.name,
        parts: parts.map((p) => ({
          name: p.name,
          claims: {
            totalCount: claims.get(p.id)!.total,
            nodes: claims.get(p.id)!.items.map((c: ClaimRecord) => ({ statement: c.statement, claimant: { name: name(claimants.get(c.id)?.[0]?.node) } })),
          },
        })),
      },
    },
  };
}

const schema = buildSchema(loadTypeDefs().join('\n'));
const ROUTES: Record<string, { answer: (store: GraphReader) => Promise<unknown>; fields: ReturnType<typeof fieldsRead> }> = {
  '/kursk': { answer: kursk, fields: fieldsRead(schema, parse(KURSK_QUERY)) },
  '/traversal': { answer: traversal, fields: fieldsRead(schema, parse(TRAVERSAL_QUERY)) },
};

export async function startBareServer(store: GraphStore): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const route = ROUTES[req.url ?? ''];
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    route.answer(store.withDeadline(Date.now() + 60_000, undefined, () => route.fields)).then(
      (body) => {
        // Apollo ends its JSON with a newline; so does the baseline, to send the same bytes.
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(`${JSON.stringify(body)}\n`);
      },
      () => res.writeHead(500).end(),
    );
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
