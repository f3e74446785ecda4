import { Registry } from "prom-client";

const KEY = Symbol.for("automation.metrics.registry");
type WithRegistry = typeof globalThis & { [KEY]?: Registry };

/**
 * The web process's one registry. Kept on globalThis because Next.js may load a module once per
 * route bundle: every route must count into, and the scrape must read, the same registry.
 */
export function metricsRegistry(): Registry {
  const holder = globalThis as WithRegistry;
  return (holder[KEY] ??= new Registry());
}

/** A metric registered once per process, whichever module asks for it first. */
export function registeredOnce<T>(name: string, create: (registry: Registry) => T): T {
  const registry = metricsRegistry();
  return (registry.getSingleMetric(name) as T | undefined) ?? create(registry);
}
