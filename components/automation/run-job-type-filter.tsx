import { Field, fieldControlClassName } from "@/components/ui/field";

/** The job types to choose from; a type in the URL that is no longer registered stays choosable. */
export function RunJobTypeFilter({ value, jobTypes, onChange }: { value: string; jobTypes: string[]; onChange: (jobType: string) => void }) {
  const options = value && !jobTypes.includes(value) ? [value, ...jobTypes] : jobTypes;
  return (
    <Field label="Job type">
      {(control) => (
        <select {...control} className={fieldControlClassName} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">All types</option>
          {options.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
