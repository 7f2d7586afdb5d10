/**
 * Kuzu needs its tables declared; this derives them from the shared schema. A table made by an
 * older version gets the properties added since (ALTER ... ADD IF NOT EXISTS), so a data folder
 * keeps working across upgrades.
 */
import { NODE_LABELS } from '../../domain/model.js';
import { FULLTEXT, LINK_PROPERTIES, NODE_PROPERTIES, RELATIONSHIPS, REL_TYPES } from '../schema.js';

export function kuzuDdl(): string[] {
  const nodes = NODE_LABELS.map(
    (label) =>
      `CREATE NODE TABLE IF NOT EXISTS ${label}(${NODE_PROPERTIES[label].map(([n, t]) => `${n} ${t}`).join(', ')}, PRIMARY KEY(id))`,
  );
  const rels = REL_TYPES.map((type) => {
    const spec = RELATIONSHIPS[type];
    const pairs = spec.from.flatMap((f) => spec.to.map((t) => `FROM ${f} TO ${t}`));
    const props = spec.hasLinkProperties ? LINK_PROPERTIES.map(([n, t]) => `, ${n} ${t}`).join('') : '';
    return `CREATE REL TABLE IF NOT EXISTS ${type}(${pairs.join(', ')}${props})`;
  });
  const added = [
    ...NODE_LABELS.flatMap((label) => NODE_PROPERTIES[label].filter(([n]) => n !== 'id').map(([n, t]) => `ALTER TABLE ${label} ADD IF NOT EXISTS ${n} ${t}`)),
    ...REL_TYPES.filter((type) => RELATIONSHIPS[type].hasLinkProperties)
      .flatMap((type) => LINK_PROPERTIES.map(([n, t]) => `ALTER TABLE ${type} ADD IF NOT EXISTS ${n} ${t}`)),
  ];
  return [...nodes, ...rels, ...added];
}

/** The full-text indexes not yet in `existing`, English-stemmed as Neo4j's are. */
export function kuzuFulltextIndexes(existing: ReadonlySet<string>): string[] {
  return NODE_LABELS.filter((label) => !existing.has(FULLTEXT[label].index)).map((label) => {
    const { index, properties } = FULLTEXT[label];
    return `CALL CREATE_FTS_INDEX('${label}', '${index}', [${properties.map((p) => `'${p}'`).join(', ')}], stemmer := 'english')`;
  });
}
