import Link from "next/link";
import styles from "./run-detail.module.css";

/** Missing runs and other businesses' runs look the same: the API answers 404 for both. */
export function RunNotFound() {
  return (
    <div className={styles.notFound}>
      <title>Run not found · Automation</title>
      <p className={styles.muted}>404</p>
      <h1>Run not found</h1>
      <p>This run does not exist, or it belongs to a business you cannot see. Check the link, or switch business if you work in several.</p>
      <Link href="/automation">Back to all runs</Link>
    </div>
  );
}
