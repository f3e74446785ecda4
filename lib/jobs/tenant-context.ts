import { AsyncLocalStorage } from "node:async_hooks";

export interface TenantContext {
  /** Null for system runs. */
  readonly businessId: string | null;
  readonly runId: string;
  readonly attempt: number;
  readonly jobType: string;
}

const store = new AsyncLocalStorage<TenantContext>();

/**
 * Runs `fn` with the run's tenant as the ambient context. The context lives exactly as long as the
 * async work started inside `fn`; nothing started outside (the claim loop, the next run) sees it.
 * Entering a run from inside another run's context is refused: it would mean one tenant's code is
 * starting another tenant's work.
 */
export function runInTenantContext<T>(context: TenantContext, fn: () => T): T {
  const outer = store.getStore();
  if (outer) {
    throw new Error(`Refusing to start run ${context.runId} inside the context of run ${outer.runId}`);
  }
  return store.run(Object.freeze({ ...context }), fn);
}

export function currentTenantContext(): TenantContext | undefined {
  return store.getStore();
}

/** For code that must only ever run on behalf of a business run. */
export function requireTenantBusinessId(): string {
  const businessId = store.getStore()?.businessId;
  if (!businessId) throw new Error("This code only runs inside a business run");
  return businessId;
}
