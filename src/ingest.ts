/** The ingest side of claimgraph, the one way claims enter the graph; its parts live in ingest/. */
export { bulkIngest, ingestGraph, type IngestOptions } from './ingest/ingest-graph.js';
export { ensureSeeded, readGraphFolder, type SeedOutcome } from './ingest/graph-folder.js';
