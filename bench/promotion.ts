/**
 * `npm run bench:promotion -- <kursk|traversal|bare-kursk|bare-traversal> [rate] [seconds] ["V8 flags"]`:
 * what reaches V8's old generation while the benchmark's host serves a query under the open-loop
 * load at a fixed rate. The host runs with `--trace-gc-nvp`; for each of two rounds this prints
 * the young collections, the bytes they promoted (in all and per request) and the full
 * collections. The figures in docs/performance.md ("The run of 2026-11-28") come from it.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { HostReady } from './host.js';
import { graphqlFailure, openLoop, type OpenLoopTarget } from './open-loop.js';
import { KURSK_QUERY, TRAVERSAL_QUERY } from './queries.js';
import { serverNodeFlags } from './run.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const [which = 'traversal', rateArg = '170', secondsArg = '10', flags = ''] = process.argv.slice(2);
const rate = Number(rateArg);
const seconds = Number(secondsArg);
if (!/^(bare-)?(kursk|traversal)$/.test(which) || !(rate > 0) || !(seconds > 0)) {
  throw new Error('usage: npm run bench:promotion -- <kursk|traversal|bare-kursk|bare-traversal> [rate] [seconds] ["V8 flags"]');
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'claimgraph-promotion-'));
const host = fork(path.join(HERE, 'host.ts'), [JSON.stringify({ dataDir, corpus: 'seed' })], {
  execArgv: [...serverNodeFlags(), '--max-old-space-size=1024', '--expose-gc', '--trace-gc-nvp', ...flags.split(' ').filter(Boolean)],
  stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  env: { ...process.env, LOG_LEVEL: 'warn', RESPONSE_CACHE_MB: '0' },
});
const round = { counting: false, scavenges: 0, promoted: 0, full: 0 };
createInterface({ input: host.stdout! }).on('line', (line) => {
  const gc = / gc=(\w+) .* promoted=(\d+)/.exec(line);
  if (!round.counting || !gc) return;
  if (gc[1] === 's') {
    round.scavenges++;
    round.promoted += Number(gc[2]);
  } else if (gc[1] === 'mc' || gc[1] === 'mmc') round.full++;
});
const ready = await new Promise<HostReady>((resolve) => host.once('message', (m: { ready: HostReady }) => resolve(m.ready)));
const query = which.endsWith('kursk') ? KURSK_QUERY : TRAVERSAL_QUERY;
const target: OpenLoopTarget = which.startsWith('bare-')
  ? { url: `${ready.bareUrl}/${which.slice('bare-'.length)}`, method: 'GET' }
  : { url: ready.graphqlUrl, method: 'POST', body: JSON.stringify({ query }), validate: graphqlFailure };
await openLoop(target, rate, 5);
for (let i = 1; i <= 2; i++) {
  Object.assign(round, { counting: true, scavenges: 0, promoted: 0, full: 0 });
  const run = await openLoop(target, rate, seconds);
  round.counting = false;
  console.log(
    `${which} at ${rate} req/s, round ${i}: p50 ${run.p50.toFixed(1)} ms, p99 ${run.p99.toFixed(1)} ms, ${run.requests} requests, ` +
    `${round.scavenges} young collections promoting ${(round.promoted / 1e6).toFixed(2)} MB (${Math.round(round.promoted / run.requests)} B a request), ` +
    `${round.full} full collections`,
  );
}
host.disconnect();
host.kill('SIGKILL');
fs.rmSync(dataDir, { recursive: true, force: true });
