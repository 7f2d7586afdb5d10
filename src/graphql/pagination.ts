/**
 * Relay connections over offset pages. Cursors are opaque to clients (base64url of the position);
 * a cursor from one list used on another simply starts after that position.
 */
import type { Config } from '../config.js';
import type { Page, PageRequest } from '../store/GraphStore.js';
import { badInput } from './errors.js';

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
}

const PREFIX = 'cg:';

export function encodeCursor(position: number): string {
  return Buffer.from(`${PREFIX}${position}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const position = Number(text.slice(PREFIX.length));
  if (!text.startsWith(PREFIX) || !/^\d{1,9}$/.test(text.slice(PREFIX.length)) || !Number.isSafeInteger(position)) {
    throw badInput(`"${cursor}" is not a cursor of this API: pass an endCursor or edge cursor from a previous page`, 'after');
  }
  return position;
}

/** The page a connection field asks for; `count` when its totalCount is selected (see selection.ts). */
export function pageRequest(args: ConnectionArgs, config: Pick<Config, 'defaultPageSize' | 'maxPageSize'>, count = true): PageRequest {
  const first = args.first ?? config.defaultPageSize;
  if (!Number.isInteger(first) || first < 0 || first > config.maxPageSize) {
    throw badInput(`first must be between 0 and ${config.maxPageSize}; got ${first}`, 'first');
  }
  const offset = args.after ? decodeCursor(args.after) + 1 : 0;
  return { offset, limit: first, count };
}

export interface Connection<T> {
  totalCount: number;
  nodes: T[];
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

export function toConnection<T>(page: Page<T>, request: PageRequest): Connection<T> {
  const edges = page.items.map((node, i) => ({ cursor: encodeCursor(request.offset + i), node }));
  const connection = {
    nodes: page.items,
    edges,
    pageInfo: {
      hasNextPage: page.hasMore,
      hasPreviousPage: request.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
  const { total } = page;
  // Uncounted only when totalCount was not selected; should that check ever miss, fail loudly rather than answer 0.
  return Object.defineProperty(connection, 'totalCount', {
    enumerable: true,
    get: () => {
      if (total === null) throw new Error('totalCount was read but not counted');
      return total;
    },
  }) as Connection<T>;
}
