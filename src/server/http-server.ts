/**
 * The HTTP server under the Express app, with its requests and responses born with the app's
 * prototypes.
 *
 * Express 5 gives every request and response its own prototypes on arrival
 * (`Object.setPrototypeOf(req, app.request)` in `app.handle`). Changing an object's prototype keeps
 * V8 from collecting it young: measured on this server under load, every request's objects
 * (Express's, the router's, the body parser's, the HTTP response's) survived into the old
 * generation, about 10 KB a request even for `{ __typename }`, so a full collection came every two
 * seconds or so, and each one held back the requests in flight for 30-80 ms: the p99 of the
 * benchmark's latency at 70% load. Built by a constructor whose prototype already is `app.request`,
 * a request makes that call a no-op (V8 returns early for an unchanged prototype), and its objects
 * die young like a plain `node:http` server's (docs/performance.md has the measurements). The same
 * idea is discussed for Express itself in expressjs/express#5998.
 */
import http from 'node:http';
import type { Express } from 'express';

/**
 * A constructor that builds what `base` builds, with `prototype` as the prototype from the start.
 * It calls `base` on the new object rather than `Reflect.construct(base, args, new.target)`: with
 * a `new.target` whose prototype is not `base`'s, V8 found no cached map and gave every object a
 * hidden class of its own, allocated in the old generation (about 10 KB a request, measured), which is
 * what this module is here to avoid. Node defines IncomingMessage and ServerResponse as functions,
 * which may be called this way; the test in test/api/http.test.ts would fail if that changed.
 */
function bornWith<T extends new (...args: never[]) => object>(base: T, prototype: object): T {
  function Born(this: object, ...args: unknown[]): void {
    (base as unknown as (...a: unknown[]) => void).apply(this, args);
  }
  Born.prototype = prototype;
  return Born as unknown as T;
}

export function createHttpServer(app: Express): http.Server {
  return http.createServer(
    {
      IncomingMessage: bornWith<typeof http.IncomingMessage>(http.IncomingMessage, app.request),
      ServerResponse: bornWith<typeof http.ServerResponse>(http.ServerResponse, app.response),
    },
    app,
  );
}
