// Route code at or above lib/api reaches the errors through here; everything below imports lib/errors.
export { AppError, ERROR_STATUS, routeNotFound, runNotFound, type ErrorCode, type ErrorIssue } from "../errors";
