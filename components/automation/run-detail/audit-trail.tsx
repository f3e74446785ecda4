import type { JobRunDetail } from "@/lib/client/job-run-schemas";
import { formatDateTime, formatJson } from "../format";
import styles from "./run-detail.module.css";

const ACTION_LABELS: Record<string, string> = {
  "run.triggered": "Triggered",
  "run.cancelled": "Cancelled",
  "run.retried": "Retried",
};

const ACTOR_LABELS: Record<string, string> = { system: "the system", cli: "the command line" };

export function AuditTrail({ events }: { events: JobRunDetail["audit"] }) {
  if (!events.length) return <p className={styles.muted}>No recorded actions.</p>;
  return (
    <ol className={styles.audit}>
      {events.map((event) => (
        <li key={event.id}>
          <span>
            <span className={styles.auditAction}>{ACTION_LABELS[event.action] ?? event.action}</span> by{" "}
            {event.actorEmail ?? ACTOR_LABELS[event.actorType] ?? event.actorType}
          </span>
          <span className={styles.small}>
            <time dateTime={event.at}>{formatDateTime(event.at)}</time>
            {hasDetails(event.details) ? <> · {formatJson(event.details).replace(/\s+/g, " ")}</> : null}
          </span>
        </li>
      ))}
    </ol>
  );
}

function hasDetails(details: unknown): boolean {
  if (details === null || details === undefined) return false;
  return typeof details !== "object" || Object.keys(details).length > 0;
}
