/** What the server may depend on: nothing of the seed folder, the benchmark or the tests. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

describe('src/', () => {
  it('imports nothing from seed/, bench/ or test/: production start needs only src/ and a graph folder (SEED_DIR)', () => {
    const files = fs.readdirSync(path.join(root, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    const outside = files.flatMap((f) => {
      const text = fs.readFileSync(path.join(root, 'src', f), 'utf8');
      return [...text.matchAll(/from '(\.[^']+)'/g)]
        .map((m) => path.relative(root, path.resolve(root, 'src', path.dirname(f), m[1]!)))
        .filter((target) => !target.startsWith('src' + path.sep))
        .map((target) => `${f} -> ${target}`);
    });
    expect(outside).toEqual([]);
  });
});
