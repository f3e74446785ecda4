"use client";

import { useMemo, useState } from "react";
import type { TriggerResult } from "@/lib/client/job-run-schemas";
import { useActiveJobRunsQuery, useJobTypesQuery, useRefreshWhenActiveRunsChange } from "@/lib/client/job-runs";
import { activeMembership, isBusinessSuspended } from "@/lib/client/me";
import { ActiveRunsPanel } from "./active-runs-panel";
import { BusinessFilterSelect } from "./business-filter-select";
import { useMe } from "./me-context";
import { RunHistoryPanel } from "./run-history-panel";
import { RunJobDialog } from "./run-job-dialog";
import { StatisticsSection } from "./statistics-section";
import { BusinessBreakdownPanel } from "./business-breakdown-panel";
import { TriggerNotice } from "./trigger-notice";
import { useRunView } from "./use-run-view";
import { WorkersPanel } from "./workers-panel";
import styles from "./automation-dashboard.module.css";

/**
 * The Automation page: the run history first (it is what people come for, and comes first in the
 * keyboard order too), then the active runs, then the statistics, which can be folded away.
 */
export function AutomationDashboard() {
  const me = useMe();
  const isSystemAdmin = me.role === "system_admin";
  const { view, setView } = useRunView();
  const businessId = isSystemAdmin && view.business ? view.business : undefined;

  const active = useActiveJobRunsQuery(businessId);
  useRefreshWhenActiveRunsChange(active.data);
  const types = useJobTypesQuery();
  const jobTypeNames = useMemo(
    () => [...new Set([...(types.data?.registered ?? []).map((type) => type.type), ...(types.data?.seen ?? []).map((type) => type.type)])].sort(),
    [types.data],
  );
  const [lastTriggered, setLastTriggered] = useState<TriggerResult | null>(null);

  return (
    <div className={styles.page}>
      <title>Automation</title>
      <div className={styles.top}>
        <div>
          <h1 className={styles.title}>Automation</h1>
          <p className={styles.subtitle}>
            {isSystemAdmin ? "Background jobs across all businesses" : `Background jobs of ${activeMembership(me)?.businessName ?? "your business"}`}
          </p>
          {isBusinessSuspended(me) ? (
            <p role="status" className={styles.subtitle}>
              This business is suspended: its history can be read, but no runs can be started, cancelled or retried.
            </p>
          ) : null}
        </div>
        <div className={styles.toolbar}>
          {isSystemAdmin ? <BusinessFilterSelect value={view.business} onChange={(business) => setView({ business })} /> : null}
          {isBusinessSuspended(me) ? null : <RunJobDialog onTriggered={setLastTriggered} defaultBusinessId={businessId && businessId !== "system" && businessId !== "orphan" ? businessId : undefined} />}
        </div>
      </div>

      {lastTriggered ? <TriggerNotice result={lastTriggered} onDismiss={() => setLastTriggered(null)} /> : null}

      <RunHistoryPanel view={view} onViewChange={setView} jobTypes={jobTypeNames} />
      <ActiveRunsPanel query={active} showBusiness={isSystemAdmin} />
      <StatisticsSection
        window={view.window}
        onWindowChange={(window) => setView({ window })}
        businessId={businessId}
        live={Boolean(active.data?.total.count)}
      />
      {isSystemAdmin ? (
        <BusinessBreakdownPanel window={view.window} live={Boolean(active.data?.total.count)} selected={businessId} onSelect={(business) => setView({ business })} />
      ) : null}
      {isSystemAdmin ? <WorkersPanel /> : null}
    </div>
  );
}
