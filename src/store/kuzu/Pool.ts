/** A fixed set of Kuzu connections: queries run concurrently, one per connection at a time. */
import type { Connection } from 'kuzu';

export class Pool {
  private idle: Connection[];
  private waiting: Array<(c: Connection) => void> = [];

  constructor(readonly all: readonly Connection[]) {
    this.idle = [...all];
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
}
