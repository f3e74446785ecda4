"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { RUN_STATUSES } from "@/lib/job-runs/schemas";
import type { JobRunStats } from "@/lib/client/job-run-schemas";
import { ChartDataTable } from "./chart-data-table";
import { AXIS_TICK, GRID_STROKE, LEGEND_TEXT, TOOLTIP_STYLE } from "./chart-theme";
import { STATUS_FILLS, STATUS_LABELS } from "./run-labels";

const HOUR = 3600_000;
const HOUR_LABEL = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
// Day buckets are whole UTC days on the server, so they are named in UTC too.
const DAY_LABEL = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });

export function RunsOverTimeChart({ stats }: { stats: JobRunStats }) {
  const hourly = stats.series.bucketMs <= HOUR;
  const data = stats.series.points.map((point) => ({
    label: (hourly ? HOUR_LABEL : DAY_LABEL).format(new Date(point.start)),
    ...point.byStatus,
  }));
  const unit = hourly ? "hour" : "day";
  return (
    <figure style={{ margin: 0 }}>
      <BarChart
        accessibilityLayer={false}
        responsive
        style={{ width: "100%", height: 260 }}
        data={data}
        margin={{ top: 8, right: 8, bottom: 0, left: -12 }}
        title={`Runs per ${unit}, stacked by status`}
      >
        <CartesianGrid vertical={false} stroke={GRID_STROKE} />
        <XAxis dataKey="label" tick={AXIS_TICK} interval="preserveStartEnd" minTickGap={16} tickLine={false} />
        <YAxis allowDecimals={false} tick={AXIS_TICK} width={44} tickLine={false} axisLine={false} />
        <Tooltip contentStyle={TOOLTIP_STYLE} cursor={{ fill: "rgb(31 95 209 / 8%)" }} />
        {/* Legend text stays dark: the status colours are too light for text on white. */}
        <Legend wrapperStyle={{ fontSize: 13 }} formatter={(value) => <span style={{ color: LEGEND_TEXT }}>{value}</span>} />
        {RUN_STATUSES.map((status) => (
          <Bar key={status} dataKey={status} name={STATUS_LABELS[status]} stackId="runs" fill={STATUS_FILLS[status]} isAnimationActive={false} />
        ))}
      </BarChart>
      <ChartDataTable
        caption={`Runs per ${unit} by status`}
        columns={[hourly ? "Hour" : "Day", ...RUN_STATUSES.map((status) => STATUS_LABELS[status])]}
        rows={stats.series.points.map((point, index) => [data[index]?.label ?? point.start, ...RUN_STATUSES.map((status) => point.byStatus[status])])}
      />
    </figure>
  );
}
