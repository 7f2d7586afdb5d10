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

/**
 * A page as a connection. Edges and cursors are made when a query selects them, not for every
 * page: most queries read `nodes`, and the edges of every page of a deep query were the largest
 * share of what its requests left for V8 to promote (docs/performance.md).
 */
class PageConnection<T> implements Connection<T> {
  constructor(
    private readonly page: Page<T>,
    private readonly offset: number,
  ) {}

  get nodes(): T[] {
    return this.page.items;
  }

  get edges(): Array<{ cursor: string; node: T }> {
    return this.page.items.map((node, i) => ({ cursor: encodeCursor(this.offset + i), node }));
  }

  get pageInfo(): Connection<T>['pageInfo'] {
    const count = this.page.items.length;
    return {
      hasNextPage: this.page.hasMore,
      hasPreviousPage: this.offset > 0,
      startCursor: count > 0 ? encodeCursor(this.offset) : null,
      endCursor: count > 0 ? encodeCursor(this.offset + count - 1) : null,
    };
  }

  /** Uncounted only when totalCount was not selected; should that check ever miss, fail loudly rather than answer 0. */
  get totalCount(): number {
    if (this.page.total === null) throw new Error('totalCount was read but not counted');
    return this.page.total;
  }
}

export function toConnection<T>(page: Page<T>, request: PageRequest): Connection<T> {
  return new PageConnection(page, request.offset);
}
