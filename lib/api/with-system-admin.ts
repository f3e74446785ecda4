import { AppError, routeNotFound } from "../errors";
import type { Access } from "../tenancy/resolve-access";
import { startRequestLog } from "./request-log";
import { errorResponse } from "./respond";
import { authenticate } from "./with-scope";

/**
 * The gate of operator routes: a signed-in system admin, else the 404 of a missing route, so
 * that nobody else, signed in or not, learns the route exists.
 */
export function withSystemAdmin(handler: (context: Access & { req: Request }) => Promise<Response>) {
  return async (req: Request): Promise<Response> => {
    const request = startRequestLog(req);
    try {
      const access = await systemAdminAccess(req);
      if (!access) throw routeNotFound();
      request.identify({ userId: access.actor.userId, businessId: access.activeBusinessId });
      return request.finish(await handler({ ...access, req }));
    } catch (error) {
      return request.finish(errorResponse(error, request));
    }
  };
}

async function systemAdminAccess(req: Request): Promise<Access | null> {
  try {
    const access = await authenticate(req);
    return access.role === "system_admin" ? access : null;
  } catch (error) {
    if (error instanceof AppError) return null;
    throw error;
  }
}
