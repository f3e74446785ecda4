/**
 * Thrown by a business-scoped client for anything it cannot scope (raw SQL, a write into another
 * business, an include it cannot filter): the query is refused before it reaches the database.
 */
export class ScopeViolationError extends Error {
  constructor(what: string) {
    super(`Refused in a business scope: ${what}`);
    this.name = "ScopeViolationError";
  }
}

export function refuse(what: string): never {
  throw new ScopeViolationError(what);
}
