import { formatJson } from "../format";
import styles from "./run-detail.module.css";

/** Parameters and results are user-controlled: they are shown as text, never as markup. */
export function JsonBlock({ value, label }: { value: unknown; label: string }) {
  return (
    <pre className={styles.json} tabIndex={0} aria-label={label}>
      <code>{formatJson(value)}</code>
    </pre>
  );
}
