import { Field, fieldControlClassName } from "@/components/ui/field";
import styles from "./run-job-form.module.css";

interface RunJobOptionsProps {
  idempotencyKey: string;
  onIdempotencyKeyChange: (value: string) => void;
  tagsText: string;
  onTagsTextChange: (value: string) => void;
  errors: { idempotencyKey?: string; tags?: string };
}

/** What every run takes besides its parameters: an idempotency key and tags. */
export function RunJobOptions({ idempotencyKey, onIdempotencyKeyChange, tagsText, onTagsTextChange, errors }: RunJobOptionsProps) {
  return (
    <fieldset className={styles.section}>
      <legend>Options</legend>
      <Field
        label="Idempotency key"
        hint="Optional. Triggering again with the same key returns the existing run instead of queuing a second one."
        error={errors.idempotencyKey}
      >
        {(control) => (
          <input {...control} className={fieldControlClassName} value={idempotencyKey} onChange={(event) => onIdempotencyKeyChange(event.target.value)} autoComplete="off" />
        )}
      </Field>
      <Field label="Tags" hint="Optional, separated by commas: letters, digits and . _ : -" error={errors.tags}>
        {(control) => <input {...control} className={fieldControlClassName} value={tagsText} onChange={(event) => onTagsTextChange(event.target.value)} autoComplete="off" />}
      </Field>
    </fieldset>
  );
}
