import styles from "./run-job-form.module.css";

/** Why the form was not sent, with the issues that belong to no field listed under it. */
export function RunJobFormAlert({ message, otherIssues }: { message: string; otherIssues: string[] }) {
  return (
    <div className={styles.alert} role="alert">
      {message}
      {otherIssues.length ? (
        <ul>
          {otherIssues.map((issue) => (
            <li key={issue}>{issue}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
