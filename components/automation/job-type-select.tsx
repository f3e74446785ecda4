import { Field, fieldControlClassName } from "@/components/ui/field";
import type { RegisteredJobType } from "@/lib/client/job-run-schemas";

interface JobTypeSelectProps {
  types: RegisteredJobType[];
  value: string;
  error?: string;
  onChange: (type: string) => void;
}

export function JobTypeSelect({ types, value, error, onChange }: JobTypeSelectProps) {
  return (
    <Field label="Job type" required error={error}>
      {(control) => (
        <select {...control} className={fieldControlClassName} value={value} onChange={(event) => onChange(event.target.value)} autoFocus>
          <option value="">Choose a job…</option>
          {types.map((type) => (
            <option key={type.type} value={type.type}>
              {type.title} ({type.type})
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
