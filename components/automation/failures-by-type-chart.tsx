"use client";

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { EmptyState } from "@/components/ui/empty-state";
import type { JobRunStats } from "@/lib/client/job-run-schemas";
import { ChartDataTable } from "./chart-data-table";
import { AXIS_TICK, GRID_STROKE, TOOLTIP_STYLE } from "./chart-theme";
import { formatPercent } from "./format";
import { STATUS_FILLS } from "./run-labels";

const ROW_HEIGHT = 38;

export function FailuresByTypeChart({ stats }: { stats: JobRunStats }) {
  const data = stats.byJobType
    .filter((type) => type.byStatus.failed > 0)
    .map((type) => ({
      jobType: type.jobType,
      failed: type.byStatus.failed,
      failureRate: type.byStatus.failed / Math.max(type.byStatus.failed + type.byStatus.succeeded, 1),
    }))
    .sort((a, b) => b.failed - a.failed);

  if (!data.length) return <EmptyState title="No failures in this window" />;

  return (
    <figure style={{ margin: 0 }}>
      <BarChart
        accessibilityLayer={false}
        responsive
        layout="vertical"
        style={{ width: "100%", height: Math.max(140, data.length * ROW_HEIGHT + 40) }}
        data={data}
        margin={{ top: 4, right: 16, bottom: 0, left: 0 }}
        title="Failed runs by job type"
      >
        <CartesianGrid horizontal={false} stroke={GRID_STROKE} />
        <XAxis type="number" allowDecimals={false} tick={AXIS_TICK} tickLine={false} />
        <YAxis type="category" dataKey="jobType" tick={AXIS_TICK} width={190} tickLine={false} axisLine={false} />
        <Tooltip
          contentStyle={TOOLTIP_STYLE}
          cursor={{ fill: "rgb(217 45 32 / 8%)" }}
          formatter={(value, _name, item) => [`${String(value)} (${formatPercent((item.payload as { failureRate: number }).failureRate)} of finished)`, "Failed"]}
        />
        <Bar dataKey="failed" name="Failed" fill={STATUS_FILLS.failed} isAnimationActive={false} barSize={20} />
      </BarChart>
      <ChartDataTable
        caption="Failed runs by job type"
        columns={["Job type", "Failed", "Share of finished runs"]}
        rows={data.map((row) => [row.jobType, row.failed, formatPercent(row.failureRate)])}
      />
    </figure>
  );
}
