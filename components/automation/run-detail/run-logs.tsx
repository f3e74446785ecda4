import type { JobRunDetail } from "@/lib/client/job-run-schemas";
import { formatDateTime } from "../format";
import styles from "./run-detail.module.css";

const LEVEL_CLASS: Record<string, string | undefined> = {
  info: styles["level-info"],
  warn: styles["level-warn"],
  error: styles["level-error"],
};

export function RunLogs({ logs }: { logs: JobRunDetail["logs"] }) {
  if (!logs.length) return <p className={styles.muted} style={{ padding: "1rem" }}>No log lines yet.</p>;
  return (
    <ol className={styles.logs} tabIndex={0} aria-label="Log lines, oldest first">
      {logs.map((line, index) => (
        <li key={`${line.at}:${index}`}>
          <time dateTime={line.at} title={`Attempt ${line.attempt}`}>
            {formatDateTime(line.at)}
          </time>
          <span className={`${styles.level} ${LEVEL_CLASS[line.level] ?? ""}`}>{line.level}</span>
          <span className={styles.logMessage}>{line.message}</span>
        </li>
      ))}
    </ol>
  );
}
