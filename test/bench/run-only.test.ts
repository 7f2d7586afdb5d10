/**
 * While the benchmark measures one server, the others it started are stopped (bench/run.ts
 * `runOnly`): an idle server's own collections would otherwise fall in the measured one's rounds.
 * Checked on real processes, by the state the kernel gives them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { pausable, runOnly } from '../../bench/run.js';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) {
    c.kill('SIGCONT');
    c.kill('SIGKILL');
  }
});

/** A process that stays up, ticking, until killed. */
function idleProcess(): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 5)'], { stdio: 'ignore' });
  children.push(child);
  return child;
}

/** The process's state letter from /proc: `T` when stopped by a signal. */
function state(child: ChildProcess): string {
  const stat = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
}

describe('runOnly', () => {
  it('stops every host but the one measured, and continues each on its turn', async () => {
    const [first, second, third] = [idleProcess(), idleProcess(), idleProcess()];
    const hosts = [first!, second!, third!].map(pausable);
    runOnly(hosts[0]!, hosts);
    await expect.poll(() => [state(second!), state(third!)]).toEqual(['T', 'T']);
    expect(state(first!)).not.toBe('T');

    runOnly(hosts[1]!, hosts);
    await expect.poll(() => state(first!)).toBe('T');
    await expect.poll(() => state(second!)).not.toBe('T');
    expect(state(third!)).toBe('T');

    // Continued once, whatever the calls before: a host is never left stopped by a second pause.
    hosts[0]!.pause();
    for (const h of hosts) h.resume();
    await expect.poll(() => [first!, second!, third!].map(state).filter((s) => s === 'T')).toEqual([]);
  });
});
