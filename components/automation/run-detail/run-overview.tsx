import type { JobRunDetail } from "@/lib/client/job-run-schemas";
import { RunFacts } from "./run-facts";
import { RunProgress } from "./run-progress";

interface RunOverviewProps {
  detail: JobRunDetail;
  currentUserId: string;
  showBusiness: boolean;
}

export function RunOverview({ detail, currentUserId, showBusiness }: RunOverviewProps) {
  return (
    <>
      <RunProgress run={detail.run} />
      <RunFacts detail={detail} currentUserId={currentUserId} showBusiness={showBusiness} />
    </>
  );
}
