/**
 * Wraps a store so that every call through the port is counted: the per-operation figure
 * behind the `x-store-calls` header and the no-N+1 tests.
 */
export function countingStore<S extends object>(store: S): { store: S; calls: () => number } {
  let calls = 0;
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls += 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, calls: () => calls };
}
