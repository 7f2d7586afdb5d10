import { KuzuStore } from '../../src/store/kuzu/KuzuStore.js';
import { tempDir } from '../support/temp.js';
import { defineGraphStoreContract } from './graph-store-contract.js';

defineGraphStoreContract('Kuzu (embedded, temporary folder)', () =>
  KuzuStore.open({ dataDir: tempDir('contract'), bufferPoolMb: 256, queryTimeoutMs: 10_000 }),
);
