"use client";

import dynamic from "next/dynamic";
import { ErrorState } from "@/components/ui/error-state";
import { LoadingState } from "@/components/ui/loading-state";
import { Panel } from "@/components/ui/panel";
import type { StatsWindow } from "@/lib/job-runs/schemas";
import { useJobRunStatsQuery } from "@/lib/client/job-runs";
import { StatCards } from "./stat-cards";
import styles from "./automation-dashboard.module.css";

// The chart library is the largest part of the page's code: loading it separately lets the
// numbers and the history appear without waiting for it.
const chartLoading = () => <LoadingState label="Drawing chart…" compact />;
const RunsOverTimeChart = dynamic(() => import("./runs-over-time-chart").then((module) => module.RunsOverTimeChart), {
  ssr: false,
  loading: chartLoading,
});
const FailuresByTypeChart = dynamic(() => import("./failures-by-type-chart").then((module) => module.FailuresByTypeChart), {
  ssr: false,
  loading: chartLoading,
});

const WINDOW_NAMES: Record<StatsWindow, string> = { "24h": "last 24 hours", "7d": "last 7 days", "30d": "last 30 days" };

interface RunStatsSectionProps {
  window: StatsWindow;
  businessId?: string;
  live: boolean;
}

/** Stat cards and charts for runs created in the chosen window. */
export function RunStatsSection({ window, businessId, live }: RunStatsSectionProps) {
  const stats = useJobRunStatsQuery({ window, businessId, live });

  if (stats.isPending) return <LoadingState label="Loading statistics…" />;
  if (stats.isError && !stats.data) {
    return <ErrorState title="Could not load statistics" error={stats.error} onRetry={() => void stats.refetch()} />;
  }
  const data = stats.data;
  const hourly = data.series.bucketMs <= 3600_000;
  return (
    <>
      <section aria-label={`Statistics for the ${WINDOW_NAMES[window]}`}>
        <StatCards stats={data} stale={stats.isPlaceholderData} />
      </section>
      <div className={styles.charts}>
        <Panel title={hourly ? "Runs per hour" : "Runs per day"} description={`Stacked by status, ${WINDOW_NAMES[window]}`}>
          <RunsOverTimeChart stats={data} />
        </Panel>
        <Panel title="Failures by job type" description={WINDOW_NAMES[window]}>
          <FailuresByTypeChart stats={data} />
        </Panel>
      </div>
    </>
  );
}
