import Link from "next/link";
import type { ReactNode } from "react";

/**
 * A link to a run's page. Not prefetched: a history page shows fifty of them, and the run page
 * loads its data from the API anyway.
 */
export function RunLink({ runId, className, children }: { runId: string; className?: string; children: ReactNode }) {
  return (
    <Link href={`/automation/runs/${runId}`} prefetch={false} className={className}>
      {children}
    </Link>
  );
}
