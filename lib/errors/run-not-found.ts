import { AppError } from "./app-error";

/** The one body every missing, deleted or other-business run gets, so none can be told apart. */
export function runNotFound(): AppError {
  return new AppError("not_found", "Job run not found");
}
