import styles from "./progress-bar.module.css";

interface ProgressBarProps {
  /** 0…1, or null while there is nothing to measure yet */
  value: number | null;
  label: string;
  valueText?: string;
}

export function ProgressBar({ value, label, valueText }: ProgressBarProps) {
  const percent = value === null ? null : Math.round(Math.min(Math.max(value, 0), 1) * 100);
  return (
    <div
      className={styles.track}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      aria-valuetext={valueText ?? (percent === null ? "Waiting to start" : `${percent}%`)}
    >
      {percent === null ? <div className={styles.indeterminate} /> : <div className={styles.fill} style={{ width: `${percent}%` }} />}
    </div>
  );
}
