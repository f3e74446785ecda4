"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { runPageHref } from "@/lib/client/list-query";
import { useListQuery } from "./use-list-query";

/**
 * A link to a run's page, carrying the list it was opened from. Not prefetched: a history page
 * shows fifty of them, and the run page loads its data from the API anyway.
 */
export function RunLink({ runId, className, children }: { runId: string; className?: string; children: ReactNode }) {
  const listQuery = useListQuery();
  return (
    <Link href={runPageHref(runId, listQuery)} prefetch={false} className={className}>
      {children}
    </Link>
  );
}
