import type { ParamField, ParamValues } from "@/lib/client/params-form";
import { ParamFieldInput } from "./param-field-input";
import styles from "./run-job-form.module.css";

interface RunJobParamsProps {
  jobType: string;
  fields: ParamField[];
  values: ParamValues;
  errors: Record<string, string>;
  onChange: (name: string, value: string | boolean) => void;
}

/** One input per parameter of the chosen job type, drawn from its schema. */
export function RunJobParams({ jobType, fields, values, errors, onChange }: RunJobParamsProps) {
  return (
    <fieldset className={styles.section}>
      <legend>Parameters</legend>
      {fields.length ? (
        fields.map((field) => (
          <ParamFieldInput
            key={`${jobType}:${field.name}`}
            field={field}
            value={values[field.name]}
            error={errors[field.name]}
            onChange={(value) => onChange(field.name, value)}
          />
        ))
      ) : (
        <p className={styles.noParams}>This job takes no parameters.</p>
      )}
    </fieldset>
  );
}
