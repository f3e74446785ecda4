"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";
import { SegmentedControl } from "@/components/ui/segmented-control";
import { STATS_WINDOW_OPTIONS } from "@/lib/client/run-view";
import { useRememberedFlag } from "@/lib/client/use-remembered-flag";
import type { StatsWindow } from "@/lib/job-runs/schemas";
import { RunStatsSection } from "./run-stats-section";
import styles from "./automation-dashboard.module.css";

const WINDOW_LABELS: Record<StatsWindow, string> = { "24h": "24 h", "7d": "7 d", "30d": "30 d" };

interface StatisticsSectionProps {
  window: StatsWindow;
  onWindowChange: (window: StatsWindow) => void;
  businessId?: string;
  live: boolean;
}

/** Statistics and charts under the history, which the viewer may fold away; the choice is remembered. */
export function StatisticsSection({ window, onWindowChange, businessId, live }: StatisticsSectionProps) {
  const [open, setOpen] = useRememberedFlag("automation.statistics.open", true);
  const contentId = useId();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className={styles.statistics}>
      <div className={styles.statisticsHeader}>
        <h2 id={headingId} className={styles.statisticsTitle}>
          Statistics
        </h2>
        {open ? (
          <SegmentedControl
            label="Statistics window"
            value={window}
            options={STATS_WINDOW_OPTIONS.map((option) => ({ value: option, label: WINDOW_LABELS[option] }))}
            onChange={onWindowChange}
          />
        ) : null}
        <Button aria-expanded={open} aria-controls={contentId} onClick={() => setOpen(!open)}>
          {open ? "Hide statistics" : "Show statistics"}
        </Button>
      </div>
      <div id={contentId} hidden={!open} className={styles.statisticsBody}>
        {open ? <RunStatsSection window={window} businessId={businessId} live={live} /> : null}
      </div>
    </section>
  );
}
