import { ApiError } from "@/lib/client/api-error";
import { Button } from "./button";
import styles from "./states.module.css";

interface ErrorStateProps {
  title: string;
  error: unknown;
  onRetry?: () => void;
}

/** What failed, the server's own explanation, and a way to try again. */
export function ErrorState({ title, error, onRetry }: ErrorStateProps) {
  const apiError = error instanceof ApiError ? error : null;
  return (
    <div className={`${styles.state} ${styles.error}`} role="alert">
      <p className={styles.title}>{title}</p>
      <p className={styles.text}>{apiError ? apiError.message : "Something went wrong. Try again."}</p>
      {apiError?.issues.length ? (
        <ul className={styles.issues}>
          {apiError.issues.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              {issue.path ? <code>{issue.path}</code> : null} {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
      {onRetry ? (
        <Button size="small" onClick={onRetry}>
          Try again
        </Button>
      ) : null}
    </div>
  );
}
