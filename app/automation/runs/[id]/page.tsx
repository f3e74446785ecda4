import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { requireSession } from "@/components/auth/require-session";
import { MeGate } from "@/components/automation/me-gate";
import { RunDetailView } from "@/components/automation/run-detail/run-detail-view";
import { LoadingState } from "@/components/ui/loading-state";
import { activeBusinessFromCookieHeader } from "@/lib/api/active-business";
import { jobRunExists } from "@/lib/job-runs/service";
import { resolveAccess } from "@/lib/tenancy/resolve-access";

export const dynamic = "force-dynamic";
export const metadata = { title: "Run · Automation" };

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireSession(`/automation/runs/${encodeURIComponent(id)}`);
  // Checked here too, so that a missing run (or another business's) answers with a real 404.
  const { scope } = resolveAccess(actor, activeBusinessFromCookieHeader((await headers()).get("cookie")));
  if (!(await jobRunExists({ scope, id }))) notFound();
  return (
    <MeGate>
      <Suspense fallback={<LoadingState />}>
        <RunDetailView id={id} />
      </Suspense>
    </MeGate>
  );
}
