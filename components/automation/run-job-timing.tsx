import { Field, fieldControlClassName } from "@/components/ui/field";
import { PRIORITY_RANGE } from "@/lib/client/run-timing";
import styles from "./run-job-form.module.css";

interface RunJobTimingProps {
  runAtText: string;
  onRunAtTextChange: (value: string) => void;
  /** The earliest value the picker offers: the current minute. */
  earliest: string;
  priorityText: string;
  onPriorityTextChange: (value: string) => void;
  errors: { runAt?: string; priority?: string };
}

/** When the run becomes due and how it ranks against other due runs. */
export function RunJobTiming({ runAtText, onRunAtTextChange, earliest, priorityText, onPriorityTextChange, errors }: RunJobTimingProps) {
  return (
    <fieldset className={styles.section}>
      <legend>When</legend>
      <Field label="Run at" hint="Optional, in your time zone. Leave empty to run as soon as a worker is free." error={errors.runAt}>
        {(control) => (
          <input
            {...control}
            type="datetime-local"
            className={fieldControlClassName}
            value={runAtText}
            min={earliest}
            onChange={(event) => onRunAtTextChange(event.target.value)}
          />
        )}
      </Field>
      <Field
        label="Priority"
        hint={`Optional, ${PRIORITY_RANGE.min} to ${PRIORITY_RANGE.max}; higher runs first among runs that are due. Default 0.`}
        error={errors.priority}
      >
        {(control) => (
          <input
            {...control}
            type="number"
            inputMode="numeric"
            step={1}
            min={PRIORITY_RANGE.min}
            max={PRIORITY_RANGE.max}
            className={fieldControlClassName}
            value={priorityText}
            onChange={(event) => onPriorityTextChange(event.target.value)}
          />
        )}
      </Field>
    </fieldset>
  );
}
