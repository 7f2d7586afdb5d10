/**
 * Full-text search over each label's index (schema.ts FULLTEXT). The engines call their indexes
 * differently, side by side here: Kuzu's FTS extension is a table function, QUERY_FTS_INDEX, that
 * takes the words as they are; Neo4j's is a procedure, db.index.fulltext.queryNodes, whose query is
 * Lucene syntax, so the words are escaped and every one is asked for.
 */
import type { NodeLabel } from '../../domain/model.js';
import { FULLTEXT } from '../schema.js';
import type { Dialect } from './dialect.js';
import type { Statement } from './Engine.js';
import { notDeprecated } from './queries.js';

/** Lucene's operators, escaped so that what an analyst types is words, never syntax. */
const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

function call(d: Dialect, label: NodeLabel): string {
  const { index } = FULLTEXT[label];
  return d.name === 'kuzu'
    ? `CALL QUERY_FTS_INDEX('${label}', '${index}', $text) WITH node, score`
    : `CALL db.index.fulltext.queryNodes('${index}', $text) YIELD node, score`;
}

/** The query text as the engine's index wants it. */
export function searchText(d: Dialect, text: string): string {
  if (d.name === 'kuzu') return text;
  // Lower case too: AND, OR and NOT in capitals are Lucene operators.
  return text.toLowerCase().replace(LUCENE_SPECIAL, (ch) => `\\${ch}`).split(/\s+/).filter(Boolean).join(' OR ');
}

/** Deprecated claims leave default lists (model.ts RANKS): search finds none. */
function visible(label: NodeLabel): string {
  return label === 'Claim' ? ` WHERE ${notDeprecated('node')}` : '';
}

/** Rows (node, score): the best `limit` matches of one label, best first, then by id. */
export function searchLabel(d: Dialect, label: NodeLabel, text: string, limit: number): Statement {
  return {
    text: `${call(d, label)}${visible(label)} RETURN node AS node, score AS score ORDER BY score DESC, node.id LIMIT $limit`,
    params: { text: searchText(d, text), limit },
    integers: ['limit'],
  };
}

/** Rows (total): how many nodes of one label match. */
export function countSearch(d: Dialect, label: NodeLabel, text: string): Statement {
  return { text: `${call(d, label)}${visible(label)} RETURN count(node) AS total`, params: { text: searchText(d, text) } };
}
