/**
 * One temporary folder per test run, holding every test's databases and files, removed when the
 * run ends. A worker that is killed rather than exiting never runs its own clean-up (each Kuzu
 * test database takes about 100 MB), so the run as a whole cleans up after its workers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-tests-'));
  // Workers are forked after global setup and inherit the environment.
  process.env.CLAIMGRAPH_TEST_TMP = root;
  return () => fs.rmSync(root, { recursive: true, force: true });
}
