import { Suspense } from "react";
import { requireSession } from "@/components/auth/require-session";
import { AutomationDashboard } from "@/components/automation/automation-dashboard";
import { MeGate } from "@/components/automation/me-gate";
import { LoadingState } from "@/components/ui/loading-state";

export const dynamic = "force-dynamic";
export const metadata = { title: "Automation" };

export default async function AutomationPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams)) if (typeof value === "string") query.set(key, value);
  await requireSession(query.size ? `/automation?${query}` : "/automation");
  return (
    <MeGate>
      <Suspense fallback={<LoadingState />}>
        <AutomationDashboard />
      </Suspense>
    </MeGate>
  );
}
