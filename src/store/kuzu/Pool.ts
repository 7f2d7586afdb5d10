/** A set of Kuzu connections: queries run concurrently, one per connection at a time. */
import type { Connection } from 'kuzu';

export class Pool {
  private idle: Connection[];
  private waiting: Array<(c: Connection) => void> = [];

  constructor(private connections: readonly Connection[]) {
    this.idle = [...connections];
  }

  get all(): readonly Connection[] {
    return this.connections;
  }

  async acquire(): Promise<Connection> {
    const c = this.idle.pop();
    if (c) return c;
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(c: Connection): void {
    const next = this.waiting.shift();
    if (next) next(c);
    else this.idle.push(c);
  }

  async using<T>(work: (c: Connection) => Promise<T>): Promise<T> {
    const c = await this.acquire();
    try {
      return await work(c);
    } finally {
      this.release(c);
    }
  }

  /**
   * Runs `work` once every connection is idle, holding them all (requests made meanwhile wait
   * their turn); the connections it returns replace them, those it was given if it throws.
   */
  async exclusive(work: (all: readonly Connection[]) => Promise<readonly Connection[]>): Promise<void> {
    const held: Connection[] = [];
    while (held.length < this.connections.length) held.push(await this.acquire());
    try {
      this.connections = [...(await work(held))];
    } finally {
      for (const c of this.connections) this.release(c);
    }
  }
}
