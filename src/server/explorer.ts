/**
 * The explorer pages. `GET /` lists the explorers; `GET /graphql` from a browser (one that prefers
 * HTML) is GraphiQL, preloaded with the README's example queries. Everything the pages load comes
 * from this server: GraphiQL and React from their npm packages, so the explorer works with no
 * internet access and tells no one it was opened. The pages run no inline script, so their
 * Content-Security-Policy can allow scripts from this origin only.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Request, type Response, type Router } from 'express';
import { exampleQueries } from './example-queries.js';

export interface Explorer {
  href: string;
  title: string;
  description: string;
}

export const GRAPHIQL: Explorer = {
  href: '/graphql',
  title: 'GraphQL explorer',
  description: "GraphiQL: write queries with completion and the schema's documentation at hand; the README's example queries are open in its tabs.",
};

const require = createRequire(import.meta.url);
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

/**
 * The files the pages load, by the name they are served under. The packages export none of these
 * paths, so they are found from each package's folder. GraphiQL's bundle names its source map
 * index.umd.js.map; its package ships it as graphiql.min.js.map.
 */
const ASSETS: Record<string, string> = {
  'react.production.min.js': path.join(packageDir('react'), 'umd/react.production.min.js'),
  'react-dom.production.min.js': path.join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
  'graphiql.min.js': path.join(packageDir('graphiql'), 'graphiql.min.js'),
  'index.umd.js.map': path.join(packageDir('graphiql'), 'graphiql.min.js.map'),
  'graphiql.min.css': path.join(packageDir('graphiql'), 'graphiql.min.css'),
  'graphiql-start.js': fileURLToPath(new URL('graphiql-start.js', import.meta.url)),
};
export const ASSET_PREFIX = '/assets/graphiql/';

export const VISUAL: Explorer = {
  href: '/explore',
  title: 'Visual explorer',
  description: 'Cytoscape.js: search, expand neighbourhoods by double-click, read a claim with its quote and links, find paths, filter by date, export PNG or GraphML.',
};

const webDir = fileURLToPath(new URL('../../web/explore/', import.meta.url));
/** The visual explorer's files: Cytoscape.js from its npm package, and our own plain JS and CSS from web/explore/. */
const VISUAL_ASSETS: Record<string, string> = {
  // cytoscape's exports list no package.json: its main entry lies beside the minified bundle in dist/.
  'cytoscape.min.js': path.join(path.dirname(require.resolve('cytoscape')), 'cytoscape.min.js'),
  'explore.js': path.join(webDir, 'explore.js'),
  'explore.css': path.join(webDir, 'explore.css'),
};
export const VISUAL_ASSET_PREFIX = '/assets/explore/';

/**
 * Inline styles stay allowed: GraphiQL's editors set style attributes. Its fonts are data: URLs
 * inside its stylesheet. Nothing else may load, and the pages cannot be framed.
 */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The explorer routes: `GET /` lists `explorers` (nothing is served when there are none), and
 * GraphiQL and its files are served only when it is among them.
 */
export function explorerRouter(explorers: readonly Explorer[], endpoint = '/graphql'): Router {
  const router = express.Router();
  if (explorers.length === 0) return router;
  const landing = landingPage(explorers, endpoint);
  router.get('/', (_req, res) => sendPage(res, landing));
  // Browsers ask for it on every page; the explorers have none, and a 404 would show as an error in the console.
  router.get('/favicon.ico', (_req, res) => res.status(204).end());
  if (explorers.includes(VISUAL)) {
    serveAssets(router, VISUAL_ASSET_PREFIX, VISUAL_ASSETS, 'The visual explorer');
    const visual = visualPage(endpoint);
    router.get(VISUAL.href, (_req, res) => sendPage(res, visual));
  }
  if (!explorers.includes(GRAPHIQL)) return router;

  serveAssets(router, ASSET_PREFIX, ASSETS, 'The GraphQL explorer');
  const page = graphiqlPage(endpoint);
  router.get(endpoint, (req, res, next) => {
    if (prefersHtml(req)) sendPage(res, page);
    else next();
  });
  return router;
}

function serveAssets(router: Router, prefix: string, assets: Record<string, string>, what: string): void {
  for (const file of Object.values(assets)) {
    // Fail at start, not on a browser's first visit, if a package moved a file.
    if (!fs.existsSync(file)) throw new Error(`${what} needs ${file}; run npm ci.`);
  }
  router.get(`${prefix}:file`, (req, res, next) => {
    const file = Object.hasOwn(assets, req.params.file) ? assets[req.params.file] : undefined;
    if (!file) return next();
    res.sendFile(file, { headers: { 'x-content-type-options': 'nosniff' } });
  });
}

/** As Apollo decides whether to show its landing page: a browser asks for HTML first. */
function prefersHtml(req: Request): boolean {
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

function sendPage(res: Response, html: string): void {
  res.set({
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.type('html').send(html);
}

function landingPage(explorers: readonly Explorer[], endpoint: string): string {
  const items = explorers
    .map((e) => `      <li><a href="${escapeHtml(e.href)}">${escapeHtml(e.title)}</a>: ${escapeHtml(e.description)}</li>`)
    .join('\n');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>claimgraph</title>
  </head>
  <body>
    <h1>claimgraph</h1>
    <p>A GraphQL knowledge graph of claims about the war in Ukraine. Clients send queries to
      <code>POST ${escapeHtml(endpoint)}</code>.</p>
    <ul>
${items}
    </ul>
  </body>
</html>
`;
}

function graphiqlPage(endpoint: string): string {
  const config = {
    endpoint,
    tabs: exampleQueries.map((e) => ({ query: e.query })),
  };
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>claimgraph: GraphQL explorer</title>
    <link rel="stylesheet" href="${ASSET_PREFIX}graphiql.min.css">
    <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
  </head>
  <body>
    <div id="graphiql">Loading the GraphQL explorer...</div>
    <script type="application/json" id="graphiql-config">${jsonForHtml(config)}</script>
    <script src="${ASSET_PREFIX}react.production.min.js"></script>
    <script src="${ASSET_PREFIX}react-dom.production.min.js"></script>
    <script src="${ASSET_PREFIX}graphiql.min.js"></script>
    <script src="${ASSET_PREFIX}graphiql-start.js"></script>
  </body>
</html>
`;
}

/**
 * The visual explorer's page: its controls, each with a stable id for the browser test, and its
 * configuration in a JSON block (the page runs no inline script). web/explore/explore.js does the rest.
 */
function visualPage(endpoint: string): string {
  const config = { endpoint, exportPath: '/export/graph.graphml' };
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>claimgraph: visual explorer</title>
    <link rel="stylesheet" href="${VISUAL_ASSET_PREFIX}explore.css">
  </head>
  <body>
    <header id="toolbar">
      <form id="search-form" data-testid="search-form">
        <input id="search-input" data-testid="search-input" type="search" placeholder="Search claims, actors, places..." aria-label="Search">
        <button id="search-button" data-testid="search-button" type="submit">Search</button>
      </form>
      <form id="path-form" data-testid="path-form">
        <input id="path-from" data-testid="path-from" placeholder="From (name or id)" aria-label="Path from">
        <input id="path-to" data-testid="path-to" placeholder="To (name or id)" aria-label="Path to">
        <button id="path-button" data-testid="path-button" type="submit">Find paths</button>
      </form>
      <label id="date-label" for="date-slider">Claims stated by <output id="date-value" data-testid="date-value">any date</output>
        <input id="date-slider" data-testid="date-slider" type="range" min="0" max="0" value="0" disabled>
      </label>
      <button id="fit-button" data-testid="fit-button" type="button">Fit</button>
      <button id="clear-button" data-testid="clear-button" type="button">Clear</button>
      <button id="export-png" data-testid="export-png" type="button">PNG</button>
      <button id="export-graphml" data-testid="export-graphml" type="button">GraphML</button>
    </header>
    <main>
      <div id="cy" data-testid="graph" data-node-count="0" data-edge-count="0" data-busy="false"></div>
      <aside id="panel" data-testid="panel">
        <p id="status" data-testid="status" role="status">Search to start; double-click a node to expand it.</p>
        <section id="details" data-testid="details" hidden></section>
        <section id="legend" data-testid="legend">
          <h2>Legend</h2>
          <ul>
            <li><span class="swatch claim"></span> Claim (ellipse), coloured by its claimant's side</li>
            <li><span class="swatch actor"></span> Actor (round rectangle), coloured by side</li>
            <li><span class="swatch place"></span> Place (triangle)</li>
            <li><span class="swatch event"></span> Event (diamond)</li>
            <li><span class="swatch source"></span> Source (rectangle)</li>
            <li><span class="swatch russia"></span> Russia <span class="swatch ukraine"></span> Ukraine <span class="swatch neither"></span> neither or unknown</li>
            <li><span class="line contradicts"></span> contradicts <span class="line corroborates"></span> corroborates</li>
          </ul>
        </section>
      </aside>
    </main>
    <script type="application/json" id="explore-config">${jsonForHtml(config)}</script>
    <script src="${VISUAL_ASSET_PREFIX}cytoscape.min.js"></script>
    <script src="${VISUAL_ASSET_PREFIX}explore.js"></script>
  </body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON a <script> element can hold: nothing in it can close the element or open a comment. */
function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
