import { layoutAttemptBars } from "@/lib/client/attempt-bars";
import type { JobRunDetail } from "@/lib/client/job-run-schemas";
import { formatDateTime, formatDuration } from "../format";
import styles from "./attempt-timeline-chart.module.css";

const OUTCOME_CLASS: Record<string, string | undefined> = {
  running: styles.running,
  succeeded: styles.succeeded,
  failed: styles.failed,
  timed_out: styles.failed,
  cancelled: styles.cancelled,
  released: styles.released,
  rescued: styles.released,
};

const OUTCOME_LABEL: Record<string, string> = {
  running: "running",
  succeeded: "succeeded",
  failed: "failed",
  timed_out: "timed out",
  cancelled: "cancelled",
  released: "released",
  rescued: "rescued",
};

/**
 * One bar per attempt on a shared time axis, coloured by outcome, with its duration: the gaps
 * between bars are the backoff. Geometry is in SVG attributes and colours in classes, so the page
 * needs no inline styles (the content security policy forbids them).
 */
export function AttemptTimelineChart({ attempts, now }: { attempts: JobRunDetail["attempts"]; now: number }) {
  const { bars, startMs, endMs } = layoutAttemptBars(attempts, now);
  if (!bars.length) return null;
  return (
    <figure className={styles.figure}>
      <figcaption className="visually-hidden">Attempts on a time axis</figcaption>
      {/* Not an <ol>: the attempts' own list below stays the page's one list of attempts. */}
      <div role="list" className={styles.rows} aria-label="Attempt timeline">
        {bars.map((bar) => {
          const label = OUTCOME_LABEL[bar.status] ?? bar.status;
          const duration = `${formatDuration(bar.durationMs)}${bar.open ? " so far" : ""}`;
          return (
            <div role="listitem" key={bar.attempt} className={styles.row} data-attempt={bar.attempt} data-outcome={bar.status}>
              <span className={styles.label}>#{bar.attempt}</span>
              <svg className={styles.track} aria-hidden="true" focusable="false">
                <rect x={`${bar.startPercent}%`} width={`${bar.widthPercent}%`} y="2" height="14" rx="3" className={OUTCOME_CLASS[bar.status] ?? styles.released} />
              </svg>
              <span className={styles.duration}>
                {duration} <span className="visually-hidden">, {label}</span>
                <span aria-hidden="true" className={styles.outcome}>
                  {label}
                </span>
              </span>
            </div>
          );
        })}
      </div>
      <div className={styles.axis} aria-hidden="true">
        <span>{formatDateTime(new Date(startMs).toISOString())}</span>
        <span>{formatDateTime(new Date(endMs).toISOString())}</span>
      </div>
    </figure>
  );
}
