/** Filters analysts expect (issue 11): a claimant stands for the actors within it, and claims filter by the period they describe. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('claim filters', () => {
  it('count claims by the actors within a claimant: Russia includes its groups, ministry and ministers', async () => {
    const res = await server.query(`{
      russia: claims(first: 100, filter: { about: "Kursk", claimant: ["Russia"] }) { totalCount nodes { claimant { id } } }
      all: claims(first: 100, filter: { about: "Kursk" }) { nodes { claimant { id ... on Actor { side { id } } } } }
    }`);
    expect(res.errors).toBeUndefined();
    const russian = res.data?.all.nodes.filter((n: { claimant: { side?: { id: string } | null } }) => n.claimant.side?.id === 'actor:russia');
    expect(res.data?.russia.totalCount).toBeGreaterThanOrEqual(3);
    expect(res.data?.russia.totalCount).toBe(russian.length);
    expect(res.data?.russia.nodes.some((n: { claimant: { id: string } }) => n.claimant.id !== 'actor:russia')).toBe(true);
  });

  it('find a claim by the period it describes, not only by when it was stated', async () => {
    const res = await server.query(`{
      period: claims(first: 100, filter: { periodOverlaps: { from: "2024-12", to: "2024-12" } }) { nodes { id } }
      stated: claims(first: 100, filter: { statedBetween: { from: "2024-12", to: "2024-12" } }) { nodes { id } }
    }`);
    expect(res.errors).toBeUndefined();
    const ids = (k: string) => res.data?.[k].nodes.map((n: { id: string }) => n.id);
    expect(ids('period')).toContain('claim:isw-593km2-december-2024');
    expect(ids('stated')).not.toContain('claim:isw-593km2-december-2024');
  });

  it('reject a period range that is not a range, naming the argument', async () => {
    const res = await server.query('{ claims(filter: { periodOverlaps: { from: "2025", to: "2024" } }) { totalCount } }');
    expect(res.data?.claims).toBeNull();
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'filter.periodOverlaps' } });
    expect(res.errors?.[0]?.message).toContain('filter.periodOverlaps: the range starts (2025) after it ends (2024)');
  });
});
