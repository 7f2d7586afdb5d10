/** `npm start` as a user runs it: an empty data folder is created, seeded and served; SIGTERM stops it cleanly. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openKuzuStore } from '../../src/store/createStore.js';
import { tempDir } from '../support/temp.js';

const root = path.resolve(import.meta.dirname, '../..');

describe('npm start', () => {
  it('seeds an empty embedded store on first start and serves it', async () => {
    const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['src/main.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: path.join(tempDir('start'), 'data'), NEO4J_URI: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (d) => (output += d));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        output += d;
        const m = /serving the kuzu store at (http:\/\/[^\s"]+)/.exec(output);
        if (m) resolve(m[1]!);
      });
      child.on('exit', () => reject(new Error(`server exited early:\n${output}`)));
    });
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ claims(filter: { about: "Kursk" }) { totalCount } sources { totalCount } }' }),
      });
      const body = (await res.json()) as { data: { claims: { totalCount: number }; sources: { totalCount: number } } };
      expect(body.data.sources.totalCount).toBe(5);
      expect(body.data.claims.totalCount).toBeGreaterThan(5);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });

  it('says clearly why it cannot start when another process holds the database', async () => {
    const dataDir = tempDir('start-locked');
    const holder = await openKuzuStore({ dataDir, bufferPoolMb: 128, queryTimeoutMs: 10_000 });
    try {
      const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['src/main.ts'], {
        cwd: root, env: { ...process.env, PORT: '0', DATA_DIR: dataDir, NEO4J_URI: '' }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.on('data', (d) => (stdout += d));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      const line = JSON.parse(stdout.trim().split('\n').at(-1)!) as { level: number; msg: string };
      expect(line.level).toBe(60);
      expect(line.msg).toContain('claimgraph could not start: The embedded database');
      expect(line.msg).toContain('is in use by another process (is the server running?)');
      expect(stdout).not.toMatch(/\\n\s+at /);
    } finally {
      await holder.close();
    }
  });
});
