/** Generated types are committed; regenerating them from schema/*.graphql must change nothing. */
import fs from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.js';

describe('generated code', () => {
  it('is what `npm run codegen` produces from the current schema', async () => {
    const files = (await generate({ ...config, silent: true }, false)) as Array<{ filename: string; content: string }>;
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const committed = fs.readFileSync(file.filename, 'utf8');
      expect(committed, `${file.filename} is stale: run npm run codegen`).toBe(file.content);
    }
  });
});
