import { useId, type ReactNode } from "react";
import styles from "./panel.module.css";

interface PanelProps {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  /** Lets tables and lists run to the panel's edges. */
  flush?: boolean;
  children: ReactNode;
  className?: string;
}

/** A titled section; the title names the region for screen-reader navigation. */
export function Panel({ title, description, actions, flush = false, children, className }: PanelProps) {
  const titleId = useId();
  return (
    <section className={[styles.panel, className].filter(Boolean).join(" ")} aria-labelledby={titleId}>
      <div className={styles.header}>
        <div>
          <h2 id={titleId} className={styles.title}>
            {title}
          </h2>
          {description ? <p className={styles.description}>{description}</p> : null}
        </div>
        {actions ? <div className={styles.actions}>{actions}</div> : null}
      </div>
      <div className={flush ? styles.flush : styles.body}>{children}</div>
    </section>
  );
}
