import { AppError } from "../errors";
import type { Scope } from "./scope";

type BusinessFilter = string | undefined;

/**
 * A business filter from the query string narrows a system admin's view. In a business scope it
 * may only repeat the scope's own business; naming any other one is refused, never ignored.
 */
export function authorizeBusinessFilter<F extends BusinessFilter>(scope: Scope, filter: F): F | undefined {
  if (filter === undefined || scope.kind === "all") return filter;
  if (filter === scope.businessId) return undefined;
  throw new AppError("forbidden", "You can only see runs of your own business");
}
