"use client";

import type { ReactNode } from "react";
import { ErrorState } from "@/components/ui/error-state";
import { LoadingState } from "@/components/ui/loading-state";
import { isApiError } from "@/lib/client/api-error";
import { useMeQuery } from "@/lib/client/me";
import { MeProvider } from "./me-context";
import { NotAMember } from "./not-a-member";

/** Draws its content once the signed-in user is known; users without a business get the 403 page. */
export function MeGate({ children }: { children: ReactNode }) {
  const me = useMeQuery();
  if (me.data) return <MeProvider me={me.data}>{children}</MeProvider>;
  if (me.isPending) return <LoadingState label="Loading your account…" />;
  if (isApiError(me.error, 403)) return <NotAMember />;
  if (isApiError(me.error, 401)) return <LoadingState label="Your session has ended. Taking you to sign in…" />;
  return <ErrorState title="Could not load your account" error={me.error} onRetry={() => void me.refetch()} />;
}
