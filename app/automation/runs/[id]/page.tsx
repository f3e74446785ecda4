import { requireSession } from "@/components/auth/require-session";
import { MeGate } from "@/components/automation/me-gate";
import { RunDetailView } from "@/components/automation/run-detail/run-detail-view";

export const dynamic = "force-dynamic";
export const metadata = { title: "Run · Automation" };

export default async function RunPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  await requireSession(`/automation/runs/${encodeURIComponent(id)}`);
  return (
    <MeGate>
      <RunDetailView id={id} />
    </MeGate>
  );
}
