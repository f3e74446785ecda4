import styles from "./run-detail.module.css";

export function RunErrorBlock({ error }: { error: { message: string; stack: string | null } }) {
  return (
    <div>
      <p className={styles.errorMessage}>{error.message}</p>
      {error.stack ? (
        <details className={styles.stack} open>
          <summary>Stack trace</summary>
          <pre className={styles.json} tabIndex={0} aria-label="Stack trace">
            {error.stack}
          </pre>
        </details>
      ) : null}
    </div>
  );
}
