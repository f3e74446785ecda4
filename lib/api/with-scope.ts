import { loadSignedInActor } from "../auth/signed-in-actor";
import { assertMayChangeRuns, resolveAccess, canManageRuns, type Access } from "../tenancy/resolve-access";
import { readActiveBusinessCookie } from "./active-business";
import { AppError } from "../errors";
import { assertSameOrigin } from "./origin-check";
import { startRequestLog } from "./request-log";
import { errorResponse } from "./respond";

type RouteParams = Record<string, string | string[] | undefined>;

export interface ScopedContext<P extends RouteParams> extends Access {
  req: Request;
  params: P;
}

interface GateOptions {
  /** Only business admins of the scope's business and system admins may call it. */
  requireManager?: boolean;
  /** It triggers, cancels or retries runs, which a suspended business may not do. */
  changesRuns?: boolean;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The gate every job-run route goes through: session → fresh actor from the database → scope,
 * role check, same-origin check on mutations, and one error shape for whatever is thrown.
 * Handlers never read the session themselves.
 */
export function withScope<P extends RouteParams = RouteParams>(
  handler: (context: ScopedContext<P>) => Promise<Response>,
  options: GateOptions = {},
) {
  return async (req: Request, route?: { params?: Promise<P> }): Promise<Response> => {
    const params = ((await route?.params) ?? {}) as P;
    const request = startRequestLog(req, params);
    try {
      if (!SAFE_METHODS.has(req.method)) assertSameOrigin(req);
      const access = await authenticate(req);
      request.identify({ userId: access.actor.userId, businessId: access.activeBusinessId });
      if (options.changesRuns) assertMayChangeRuns(access);
      if (options.requireManager && !canManageRuns(access)) {
        throw new AppError("forbidden", "Only business admins can do this");
      }
      return request.finish(await handler({ ...access, req, params }));
    } catch (error) {
      return request.finish(errorResponse(error, request));
    }
  };
}

export async function authenticate(req: Request): Promise<Access> {
  // Re-read on every request: a removed member, a demoted admin or a session that was signed out
  // elsewhere loses access at once.
  const actor = await loadSignedInActor();
  if (!actor) throw new AppError("unauthorized", "Sign in to continue");
  return resolveAccess(actor, readActiveBusinessCookie(req));
}
