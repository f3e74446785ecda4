export { type Scope, businessScope, ALL_BUSINESSES, scopeBusinessId } from "./scope";
export { scopedDb, queryScoped, businessCondition, type ScopedDb } from "./scoped-db";
export { ScopeViolationError } from "./scope-violation";
