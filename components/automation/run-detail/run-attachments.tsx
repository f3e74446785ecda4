import type { JobRunDetail } from "@/lib/client/job-run-schemas";
import { formatBytes, formatDateTime } from "../format";
import styles from "./run-detail.module.css";

export function RunAttachments({ attachments }: { attachments: JobRunDetail["attachments"] }) {
  if (!attachments.length) return <p className={styles.muted}>This run has produced no files.</p>;
  return (
    <ul className={styles.files}>
      {attachments.map((attachment) => (
        <li key={attachment.id}>
          <a href={attachment.downloadUrl} download={attachment.fileName} className={styles.fileName}>
            Download {attachment.fileName}
          </a>
          <span className={styles.small}>
            {formatBytes(attachment.size)} · {attachment.contentType} · {formatDateTime(attachment.createdAt)}
          </span>
        </li>
      ))}
    </ul>
  );
}
