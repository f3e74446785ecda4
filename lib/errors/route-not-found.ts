import { AppError } from "./app-error";

/** What a caller who may not know a route exists gets, instead of a 401 or 403 that would tell. */
export function routeNotFound(): AppError {
  return new AppError("not_found", "Not found");
}
