/**
 * The visual explorer in a real browser: playwright-core driving Debian's Chromium, headless, on the
 * real server over the seed graph. It searches, expands, reads a claim, saves docs/explore.png, and
 * checks that nothing left the server's origin and nothing went wrong in the console.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { graphmlSchemaErrors } from '../fixtures/graphml/schema.js';
import { startTestServer, type TestServer } from '../support/server.js';

// The functions passed to page.evaluate run in the page; the project compiles without the DOM's types.
declare const window: any;
declare const document: any;

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);
const SCREENSHOT = new URL('../../docs/explore.png', import.meta.url);

if (!hasChromium) {
  console.warn(`Skipping the browser tests: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).`);
}

describe.skipIf(!hasChromium)(`the visual explorer in Chromium (${CHROMIUM})`, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const foreign: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== server.origin) foreign.push(request.url());
    });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const count = async () => Number(await page.getAttribute('#cy', 'data-node-count'));
  /** A fresh page: each test draws what it needs, so the tests pass alone and in any order. */
  const open = async () => {
    await page.goto(`${server.origin}/explore`);
    await page.waitForSelector('#cy[data-ready="true"]', { state: 'attached' });
  };
  const idle = () => page.waitForSelector('#cy[data-busy="false"]', { state: 'attached' });

  it('searches "Kursk", expands it by double-click, shows a claim with its quote, and loads nothing from elsewhere', async () => {
    await open();

    await page.fill('#search-input', 'Kursk');
    await page.click('#search-button');
    await page.waitForFunction(() => Number(document.querySelector('#cy')!.getAttribute('data-node-count')) > 0);
    await idle();
    const found = await count();
    const kursk = await page.evaluate(() => {
      const node = window.cy.nodes('[type = "Place"]').filter((n: any) => /^Kursk/.test(n.data('label')))[0];
      return node ? node.id() : null;
    });
    expect(kursk, 'the search finds the Kursk place').toBeTruthy();

    // Double-click where the node is drawn.
    const box = (await page.locator('#cy').boundingBox())!;
    const at = await page.evaluate((id) => window.cy.getElementById(id).renderedPosition(), kursk);
    await page.mouse.dblclick(box.x + at.x, box.y + at.y);
    await page.waitForFunction((before) => Number(document.querySelector('#cy')!.getAttribute('data-node-count')) > before, found);
    await idle();

    // The page draws what the API returns for the same expansion, merged with the search hits.
    const drawn = await page.evaluate(() => window.cy.nodes().map((n: any) => n.id()) as string[]);
    expect(await count()).toBe(drawn.length);
    const { data } = await server.query<{ neighbourhood: { nodes: Array<{ id: string }> } }>(
      'query ($id: String!) { neighbourhood(of: [$id], depth: 1, limit: 100) { nodes { id } } }',
      { id: kursk },
    );
    const expected = new Set([...data!.neighbourhood.nodes.map((n) => n.id)]);
    for (const id of expected) expect(drawn, id).toContain(id);
    expect(drawn.length).toBeGreaterThanOrEqual(expected.size);
    expect(drawn).toContain('claim:syrskyi-denies-encirclement-kursk');

    // Syrskyi's denial, clicked with the mouse where it is drawn: zoomed in around it first, so that no
    // neighbour or label lies under the pointer (at the fitted zoom some overlap).
    const denial = 'claim:syrskyi-denies-encirclement-kursk';
    const spot = await page.evaluate((id) => {
      const node = window.cy.getElementById(id);
      window.cy.zoom({ level: 3, renderedPosition: node.renderedPosition() });
      window.cy.center(node);
      const { x, y } = node.renderedPosition();
      return { x, y };
    }, denial);
    await page.mouse.click(box.x + spot.x, box.y + spot.y);
    await page.waitForSelector(`#details[data-claim-id="${denial}"]`);
    expect(await page.textContent('#claim-quote')).toContain('he refuted claims that Ukrainian troops were at risk of encirclement');
    expect(await page.textContent('#claim-source')).toMatch(/^Source: ./);

    // Who contradicts whom, with the quotes. The API's answer for the same claim, mostly through other
    // fields than the page asks for: `contradictedBy` (either direction) for the other claims,
    // `contradicts` (outgoing only) for which way each goes, and the links for their kinds. The seed
    // links the denial to the claim it refutes both explicitly and by the DENIAL rule: one claim, two kinds.
    const { data: api } = await server.query<{
      claim: {
        contradicts: Array<{ id: string }>;
        contradictedBy: Array<{ id: string; quote: string; claimant: { name: string }; source: { title: string } }>;
        contradictions: Array<{ kind: string; claim: { id: string } }>;
      };
    }>(
      `query ($id: ID!) { claim(id: $id) {
        contradicts { id } contradictedBy { id quote claimant { name } source { title } } contradictions { kind claim { id } }
      } }`,
      { id: 'claim:syrskyi-denies-encirclement-kursk' },
    );
    const { contradicts, contradictedBy, contradictions } = api!.claim;
    expect(contradictedBy.length, 'claims in conflict with the denial').toBeGreaterThan(0);
    const shown = await page.$$eval('[data-testid="claim-contradictions"] > li', (items: any[]) =>
      items.map((li) => ({
        id: li.getAttribute('data-claim-id'),
        direction: li.querySelector('[data-testid="link-direction"]')?.textContent,
        claimant: li.querySelector('[data-testid="link-claimant"]')?.textContent,
        quote: li.querySelector('[data-testid="link-quote"]')?.textContent,
        source: li.querySelector('[data-testid="link-source"]')?.textContent,
        kinds: Array.from(li.querySelectorAll('[data-testid="link-kind"]'), (k: any) => k.textContent).sort(),
      })),
    );
    expect(shown).toHaveLength(contradictedBy.length);
    for (const other of contradictedBy) {
      expect(shown, other.id).toContainEqual({
        id: other.id,
        direction: contradicts.some((c) => c.id === other.id) ? 'This claim contradicts' : 'This claim is contradicted by',
        claimant: other.claimant.name,
        quote: other.quote,
        source: `Source: ${other.source.title}`,
        kinds: contradictions.filter((l) => l.claim.id === other.id).map((l) => l.kind).sort(),
      });
    }

    // The whole view again for the screenshot, as the page's Fit button draws it.
    await page.click('#fit-button');
    await page.evaluate(() => {
      window.cy.getElementById('claim:syrskyi-denies-encirclement-kursk').select();
    });
    fs.mkdirSync(new URL('.', SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT.pathname });

    expect(foreign, 'requests that left the origin').toEqual([]);
    expect(consoleErrors, 'console errors').toEqual([]);
  }, 120_000);

  it('hides claims stated after the date on the slider, and shows them again at "any date"', async () => {
    // Few claims of the seed say when they were made; Ukraine's neighbourhood holds several.
    await open();
    await page.evaluate(() => window.explorer.expand('actor:ukraine').then(() => undefined));
    const all = await count();
    const dates: string[] = await page.evaluate(() => window.cy.nodes('[type = "Claim"]').map((n: any) => n.data('stated')).filter(Boolean).sort());
    expect(dates.length).toBeGreaterThan(1);
    expect(await page.getAttribute('#date-slider', 'max')).toBe(String(new Set(dates).size));
    expect(await page.inputValue('#date-slider')).toBe(String(new Set(dates).size));

    await page.fill('#date-slider', '0');
    expect(await page.textContent('#date-value')).toBe(dates[0]);
    const later = dates.filter((d) => d > dates[0]!).length;
    expect(later).toBeGreaterThan(0);
    expect(await count()).toBe(all - later);

    await page.fill('#date-slider', String(new Set(dates).size));
    expect(await page.textContent('#date-value')).toBe('any date');
    expect(await count()).toBe(all);
  }, 60_000);

  it('finds the shortest paths between two names and draws them highlighted', async () => {
    await open();
    await page.fill('#path-from', 'Syrskyi');
    await page.fill('#path-to', 'Sudzha');
    await page.click('#path-button');
    await page.waitForFunction(() => / path\(s\)|No path|failed/.test(document.querySelector('#status')!.textContent));
    expect(await page.textContent('#status')).toMatch(/^\d+ path\(s\), the shortest \d+ links long/);
    const highlighted: string[] = await page.evaluate(() => window.cy.nodes('.path').map((n: any) => n.id()));
    expect(highlighted).toEqual(expect.arrayContaining(['actor:syrskyi', 'place:sudzha']));
    expect(await count()).toBe(await page.evaluate(() => window.cy.nodes().length));
  }, 60_000);

  it('exports the view as PNG and as GraphML of the nodes drawn', async () => {
    // Syrskyi's denial and what it is linked to: the view holds a contradiction.
    await open();
    await page.evaluate(() => window.explorer.expand('claim:syrskyi-denies-encirclement-kursk').then(() => undefined));
    await idle();
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    expect(png.suggestedFilename()).toBe('claimgraph.png');
    const image = fs.readFileSync((await png.path())!);
    expect(image.subarray(1, 4).toString()).toBe('PNG');

    const [graphml] = await Promise.all([page.waitForEvent('download'), page.click('#export-graphml')]);
    const xml = fs.readFileSync((await graphml.path())!, 'utf8');
    expect(xml).toMatch(/^<\?xml[\s\S]*<graphml/);
    expect(xml.match(/<node /g)?.length).toBe(await count());
    expect(xml).toContain('<data key="relationship">CONTRADICTS</data>');
    expect(await graphmlSchemaErrors(xml), 'the GraphML schema').toEqual([]);

    expect(foreign, 'requests that left the origin').toEqual([]);
    expect(consoleErrors, 'console errors').toEqual([]);
  }, 60_000);
});
