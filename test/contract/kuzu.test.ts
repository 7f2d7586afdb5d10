import { openKuzuStore } from '../../src/store/createStore.js';
import { tempDir } from '../support/temp.js';
import { defineGraphStoreContract } from './graph-store-contract.js';

// Reads walk along (PREFETCH=on): Kuzu proves the statements Neo4j runs by default. Every subject
// with a claim keeps a digest (CLAIM_DIGEST_MIN=0), so lists about a subject come from digests here
// and from the claims in the suite below.
defineGraphStoreContract('Kuzu (embedded, temporary folder)', () =>
  openKuzuStore({ dataDir: tempDir('contract'), bufferPoolMb: 256, queryTimeoutMs: 10_000, maxSizeGib: 16, walkAlong: true, digestMin: 0 }),
);

// On a big table the adapter fetches ids one by one instead of scanning; a lookup cost of 0 makes
// it do so on the small fixture, so the contract covers that plan too. Reads leave a Prefetch to
// the loaders here, as Kuzu does by default.
defineGraphStoreContract('Kuzu, ids looked up one by one', () =>
  openKuzuStore({ dataDir: tempDir('contract'), bufferPoolMb: 256, queryTimeoutMs: 10_000, maxSizeGib: 16, lookupCostInRows: { node: 0, walk: 0, minRows: 0 } }),
  { walksAlong: false },
);
