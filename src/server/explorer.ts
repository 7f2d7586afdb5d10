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
  if (!explorers.includes(GRAPHIQL)) return router;

  for (const file of Object.values(ASSETS)) {
    // Fail at start, not on a browser's first visit, if a package moved a file.
    if (!fs.existsSync(file)) throw new Error(`The GraphQL explorer needs ${file}; run npm ci.`);
  }
  router.get(`${ASSET_PREFIX}:file`, (req, res, next) => {
    const file = Object.hasOwn(ASSETS, req.params.file) ? ASSETS[req.params.file] : undefined;
    if (!file) return next();
    res.sendFile(file, { headers: { 'x-content-type-options': 'nosniff' } });
  });
  const page = graphiqlPage(endpoint);
  router.get(endpoint, (req, res, next) => {
    if (prefersHtml(req)) sendPage(res, page);
    else next();
  });
  return router;
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

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON a <script> element can hold: nothing in it can close the element or open a comment. */
function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
