/**
 * The mixed workload: many distinct questions drawn at random, as a crowd of analysts asks them,
 * rather than one query repeated. Subjects x claimants x filters x page sizes of the seed graph.
 * Each is sent with its variables, so each is its own entry in the answer cache.
 */
import autocannon from 'autocannon';
import { random } from './corpus.js';
import type { LoadRun } from './report.js';

export const MIXED_QUERY = `query Mixed($first: Int!, $filter: ClaimFilter) {
  claims(first: $first, filter: $filter) {
    totalCount
    nodes { id statement claimant { name } source { title } contradictedBy { id statement } }
    pageInfo { hasNextPage }
  }
}`;

const SUBJECTS = [
  'place:kursk-oblast', 'place:sudzha', 'place:pokrovsk', 'place:donetsk-oblast', 'place:donbas', 'place:ukraine',
  'place:luhansk-oblast', 'place:avdiivka', 'actor:russia', 'actor:ukraine', 'event:kursk-counteroffensive', 'actor:afu',
];
const CLAIMANTS: Array<string[] | null> = [null, ['actor:isw'], ['actor:ukraine'], ['actor:kastehelmi'], ['source:004-luhansk-close-to-falling']];
const FILTERS: Array<Record<string, unknown>> = [
  {}, { topic: ['TERRITORY', 'OPERATIONS'] }, { contested: true }, { statedBetween: { from: '2024-06-01', to: '2024-12-31' } },
];
const PAGES = [5, 20];

/** Every combination: 12 subjects x 5 claimants x 4 filters x 2 page sizes = 480 request bodies. */
export function mixedBodies(): string[] {
  const out: string[] = [];
  for (const about of SUBJECTS) {
    for (const claimant of CLAIMANTS) {
      for (const extra of FILTERS) {
        for (const first of PAGES) {
          const filter = { about, ...(claimant ? { claimant } : {}), ...extra };
          out.push(JSON.stringify({ query: MIXED_QUERY, operationName: 'Mixed', variables: { first, filter } }));
        }
      }
    }
  }
  return out;
}

/**
 * A closed-loop run drawing each request at random from `bodies`; an answer whose bytes differ from
 * `expected` for its body counts as failed (each connection has one request in flight, so the
 * connection's context knows which body an answer is for).
 */
export async function fireMixed(url: string, bodies: string[], expected: string[], seconds: number, connections: number, seed = 1): Promise<LoadRun> {
  const draw = random(seed);
  let wrong = 0;
  const sampleMs = Math.min(1000, seconds * 1000);
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    sampleInt: sampleMs,
    requests: [{
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      setupRequest: (request: Record<string, unknown>, context: Record<string, unknown>) => {
        const i = Math.floor(draw() * bodies.length);
        context.i = i;
        return { ...request, body: bodies[i] };
      },
      onResponse: (status: number, body: string, context: Record<string, unknown>) => {
        if (status === 200 && body !== expected[context.i as number]) wrong += 1;
      },
    }] as never,
  });
  return {
    requestsPerSecond: (result.requests.average * 1000) / sampleMs,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx + result.errors + result.timeouts + wrong,
  };
}

export interface AnswerCheck {
  status: number;
  body: string;
  cache: string | null;
  /** Statements the operation sent to the database (x-store-calls). */
  statements: number;
}

export async function ask(url: string, body: string, headers: Record<string, string> = {}): Promise<AnswerCheck> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, body: await res.text(), cache: res.headers.get('x-cache'), statements: Number(res.headers.get('x-store-calls')) };
}

/**
 * The same question answered afresh: an extra variable the operation does not declare changes the
 * answer cache's key (GraphQL ignores it), so the server computes the answer from the store.
 */
export function fresh(body: string, nonce: number): string {
  const parsed = JSON.parse(body) as { variables?: Record<string, unknown> };
  return JSON.stringify({ ...parsed, variables: { ...parsed.variables, fresh: nonce } });
}

/** Sends every body once, `connections` at a time; the answers in the order of `bodies`, and the wall time. */
export async function sendAll(url: string, bodies: string[], connections: number): Promise<{ answers: AnswerCheck[]; ms: number }> {
  const answers: AnswerCheck[] = new Array(bodies.length);
  let next = 0;
  const t = performance.now();
  await Promise.all(Array.from({ length: connections }, async () => {
    while (next < bodies.length) {
      const i = next++;
      answers[i] = await ask(url, bodies[i]!);
    }
  }));
  return { answers, ms: performance.now() - t };
}
