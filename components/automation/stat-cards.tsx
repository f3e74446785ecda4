import type { RunStatus } from "@/lib/job-runs/schemas";
import type { JobRunStats } from "@/lib/client/job-run-schemas";
import { formatCount, formatDuration, formatPercent } from "./format";
import { STATUS_FILLS } from "./run-labels";
import styles from "./stat-cards.module.css";

interface StatCard {
  label: string;
  value: string;
  status?: RunStatus;
}

export function StatCards({ stats, stale }: { stats: JobRunStats; stale: boolean }) {
  const cards: StatCard[] = [
    { label: "Total runs", value: formatCount(stats.total) },
    { label: "Running", value: formatCount(stats.byStatus.running), status: "running" },
    // Runs due later are not waiting for a worker; the queue is what is due now.
    { label: "Queued", value: formatCount(stats.byStatus.queued - stats.scheduled), status: "queued" },
    { label: "Scheduled", value: formatCount(stats.scheduled) },
    { label: "Succeeded", value: formatCount(stats.byStatus.succeeded), status: "succeeded" },
    { label: "Failed", value: formatCount(stats.byStatus.failed), status: "failed" },
    { label: "Success rate", value: formatPercent(stats.successRate) },
    { label: "p95 duration", value: formatDuration(stats.durationMs.p95) },
  ];
  return (
    <dl className={`${styles.grid} ${stale ? styles.stale : ""}`} aria-busy={stale}>
      {cards.map((card) => (
        <div key={card.label} className={styles.card}>
          <dt>
            {card.status ? <span className={styles.marker} style={{ background: STATUS_FILLS[card.status] }} aria-hidden="true" /> : null}
            {card.label}
          </dt>
          <dd>{card.value}</dd>
        </div>
      ))}
    </dl>
  );
}
