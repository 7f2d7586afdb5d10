/** The GraphQL examples of the README, by operation name. */
import fs from 'node:fs';

export function readmeQueries(): Map<string, string> {
  const readme = fs.readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const queries = new Map<string, string>();
  for (const m of readme.matchAll(/```graphql\n([\s\S]*?)```/g)) {
    const name = /^query (\w+)/m.exec(m[1]!)?.[1];
    if (name) queries.set(name, m[1]!);
  }
  return queries;
}
