"use client";

import type { ReactNode } from "react";
import { isApiError } from "@/lib/client/api-error";
import { useMeQuery } from "@/lib/client/me";
import { useRunChangeEvents } from "@/lib/client/use-run-change-events";
import { AppHeader } from "./app-header";
import styles from "./automation-shell.module.css";

/**
 * Header and frame of every Automation page. The page is always rendered into the frame (each
 * page gates its own content on the signed-in user with MeGate), so that a page's server-side
 * redirect to sign-in happens before anything is sent and arrives as a plain 307.
 */
export function AutomationShell({ children }: { children: ReactNode }) {
  const me = useMeQuery();
  const noBusiness = me.isError && isApiError(me.error, 403);
  // One stream per page, opened once the user is known and reopened when they switch business.
  useRunChangeEvents(me.data?.activeBusinessId ?? "all", { enabled: Boolean(me.data) });
  return (
    <>
      {noBusiness ? null : <AppHeader me={me.data ?? null} />}
      <main id="main" className={styles.main}>
        {children}
      </main>
    </>
  );
}
