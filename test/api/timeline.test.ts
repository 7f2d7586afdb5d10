/** `timeline`: claims per period and side over real HTTP, on the fixture graph whose dates are known. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureGraph } from '../support/fixture-graph.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ graph: fixtureGraph() });
});
afterAll(async () => {
  await server?.close();
});

const FIELDS = '{ period { value precision } side { name } claims contested }';

describe('timeline', () => {
  it('counts claims and contested claims per month and side, a year-only date in its own bucket, undated last', async () => {
    const res = await server.query(`{ timeline ${FIELDS} }`);
    expect(res.errors).toBeUndefined();
    expect(res.data?.timeline).toEqual([
      { period: { value: '2024', precision: 'YEAR' }, side: { name: 'Russia' }, claims: 1, contested: 1 },
      { period: { value: '2024-05', precision: 'MONTH' }, side: { name: 'Ukraine' }, claims: 1, contested: 0 },
      { period: { value: '2024-05', precision: 'MONTH' }, side: null, claims: 1, contested: 1 },
      { period: { value: '2025-03', precision: 'MONTH' }, side: { name: 'Ukraine' }, claims: 1, contested: 1 },
      { period: null, side: null, claims: 1, contested: 0 },
    ]);
    expect(res.storeCalls).toBe(2);
  });

  it('takes about and a filter, and buckets by season or year', async () => {
    const res = await server.query(`{
      seasons: timeline(about: "Ukraine", bucket: SEASON) ${FIELDS}
      years: timeline(filter: { contested: true }, bucket: YEAR) { period { value } claims }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data?.seasons).toEqual([
      { period: { value: '2024-spring', precision: 'SEASON' }, side: { name: 'Ukraine' }, claims: 1, contested: 0 },
      { period: null, side: null, claims: 1, contested: 0 },
    ]);
    expect(res.data?.years).toEqual([{ period: { value: '2024' }, claims: 1 }, { period: { value: '2024' }, claims: 1 }, { period: { value: '2025' }, claims: 1 }]);
  });

  it('places claims by the period they describe when asked: what happened when', async () => {
    const res = await server.query(`{ timeline(dated: PERIOD, bucket: SEASON) ${FIELDS} }`);
    expect(res.errors).toBeUndefined();
    expect(res.data?.timeline).toEqual([
      // Belousov's 880 km² from 1 January 2024: the winter of December 2023 to February 2024.
      { period: { value: '2023-winter', precision: 'SEASON' }, side: { name: 'Russia' }, claims: 1, contested: 1 },
      { period: { value: '2024-spring', precision: 'SEASON' }, side: { name: 'Ukraine' }, claims: 1, contested: 0 },
      { period: null, side: { name: 'Ukraine' }, claims: 1, contested: 1 },
      { period: null, side: null, claims: 2, contested: 1 },
    ]);
    expect(res.storeCalls).toBe(2);
  });

  it('refuses about given twice', async () => {
    const res = await server.query('{ timeline(about: "Ukraine", filter: { about: "Russia" }) { claims } }');
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'about' });
  });
});
