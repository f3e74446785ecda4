import { Suspense } from "react";
import { requireSession } from "@/components/auth/require-session";
import { MeGate } from "@/components/automation/me-gate";
import { RunDetailView } from "@/components/automation/run-detail/run-detail-view";
import { LoadingState } from "@/components/ui/loading-state";

export const dynamic = "force-dynamic";
export const metadata = { title: "Run · Automation" };

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireSession(`/automation/runs/${encodeURIComponent(id)}`);
  return (
    <MeGate>
      <Suspense fallback={<LoadingState />}>
        <RunDetailView id={id} />
      </Suspense>
    </MeGate>
  );
}
