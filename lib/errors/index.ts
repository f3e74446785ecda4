export { AppError, ERROR_STATUS, type ErrorCode, type ErrorIssue } from "./app-error";
export { runNotFound } from "./run-not-found";
export { routeNotFound } from "./route-not-found";
