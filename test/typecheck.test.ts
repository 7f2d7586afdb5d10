/**
 * `tsc --noEmit` over the whole project, as a test: the code, the tests and the types generated from
 * the schema (`npm run codegen`) agree. A test file rather than a step before vitest, so that its
 * 10 s of one core run beside the other files instead of ahead of them.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

describe('the TypeScript project', () => {
  it('type-checks with no error', { timeout: 180_000 }, async () => {
    const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(process.execPath, [tsc, '--noEmit', '-p', '.'], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` });
      });
    });
    expect(output).toBe('');
    expect(code).toBe(0);
  });
});
