import { Field, fieldControlClassName } from "@/components/ui/field";

interface RunDateRangeFieldsProps {
  from: string;
  to: string;
  error: string | null;
  onChange: (patch: { from?: string; to?: string }) => void;
}

/** "From" and "To" dates, each bounding the other's picker. */
export function RunDateRangeFields({ from, to, error, onChange }: RunDateRangeFieldsProps) {
  return (
    <>
      <DateField label="From" value={from} max={to} error={error} onChange={(value) => onChange({ from: value })} />
      <DateField label="To" value={to} min={from} error={null} onChange={(value) => onChange({ to: value })} />
    </>
  );
}

interface DateFieldProps {
  label: string;
  value: string;
  min?: string;
  max?: string;
  error: string | null;
  onChange: (value: string) => void;
}

function DateField({ label, value, min, max, error, onChange }: DateFieldProps) {
  return (
    <Field label={label} error={error ?? undefined}>
      {(control) => (
        <input
          {...control}
          type="date"
          className={fieldControlClassName}
          value={value}
          min={min || undefined}
          max={max || undefined}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
