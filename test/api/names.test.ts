/** Names that match nothing: suggestions of the closest, and sources by the start or a unique part of their title. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('a name that matches nothing', () => {
  it('is NOT_FOUND with the closest names as suggestions', async () => {
    const res = await server.query('{ place(name: "Kursck") { id } }');
    expect(res.data?.place).toBeNull();
    expect(res.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND', suggestions: [{ id: 'place:kursk-oblast', name: 'Kursk Oblast' }] });
    expect(res.errors?.[0]?.message).toBe('name: no place is named "Kursck"; did you mean "Kursk Oblast" (place:kursk-oblast)?');
    const filter = await server.query('{ claims(filter: { about: "Pokrovks" }) { totalCount } }');
    expect(filter.errors?.[0]?.extensions?.suggestions).toContainEqual({ id: 'place:pokrovsk', name: 'Pokrovsk' });
  });

  it('suggests nothing rather than something unrelated', async () => {
    const res = await server.query('{ actor(name: "Napoleon Bonaparte") { id } }');
    expect(res.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND', suggestions: [] });
  });
});

describe('a source by its title', () => {
  it('is found by the start of its title or a part only it has', async () => {
    const res = await server.query(`{
      start: source(title: "Russia is very close") { id }
      part: source(title: "Boden municipality") { id }
      whole: source(title: "Russia is very close to taking over the entire Luhansk region.") { id }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      start: { id: 'source:004-luhansk-close-to-falling' }, part: { id: 'source:001-russian-gains-2024' }, whole: { id: 'source:004-luhansk-close-to-falling' },
    });
  });

  it('is ambiguous when the part is in several titles, and says which', async () => {
    const res = await server.query('{ source(title: "square kilometers") { id } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('source:000-unn-isw-752km2');
    expect(res.errors?.[0]?.message).toContain('source:001-russian-gains-2024');
  });
});
