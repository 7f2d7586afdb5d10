/** The README's configuration table and model diagram are checked against the code they describe. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderConfigTable } from '../../src/config.js';
import { NODE_LABELS } from '../../src/domain/model.js';
import { NODE_PROPERTIES, REL_TYPES } from '../../src/store/schema.js';

const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('starts with the two quick-start commands', () => {
    const firstBlock = readme.slice(readme.indexOf('```sh'), readme.indexOf('```', readme.indexOf('```sh') + 5));
    expect(firstBlock).toContain('npm ci && npm start');
    expect(firstBlock).toContain('npm ci && npm test');
  });

  it('shows the configuration table generated from src/config.ts (npm run docs:config)', () => {
    const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
    const lines = section.split('\n');
    const start = lines.findIndex((l) => l.startsWith('| Variable |'));
    const end = lines.findIndex((l, i) => i > start && !l.startsWith('|'));
    const table = lines.slice(start, end === -1 ? undefined : end).join('\n');
    expect(table).toBe(renderConfigTable());
  });

  it('draws every label, property and relationship type of the model', () => {
    const diagram = readme.slice(readme.indexOf('```mermaid'), readme.indexOf('```', readme.indexOf('```mermaid') + 10));
    for (const label of NODE_LABELS) {
      const block = diagram.slice(diagram.indexOf(`  ${label} {`), diagram.indexOf('}', diagram.indexOf(`  ${label} {`)));
      expect(block, label).not.toBe('');
      const declared = [...block.matchAll(/^\s+\w+ (\w+)$/gm)].map((m) => m[1]);
      expect(declared, label).toEqual(NODE_PROPERTIES[label].map(([name]) => name));
    }
    for (const type of REL_TYPES) expect(diagram, type).toMatch(new RegExp(`: "?${type}\\b`));
  });
});
