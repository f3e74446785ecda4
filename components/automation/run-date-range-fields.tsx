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
      <Field label="From" error={error ?? undefined}>
        {(control) => (
          <input
            {...control}
            type="date"
            className={fieldControlClassName}
            value={from}
            max={to || undefined}
            onChange={(event) => onChange({ from: event.target.value })}
          />
        )}
      </Field>
      <Field label="To">
        {(control) => (
          <input
            {...control}
            type="date"
            className={fieldControlClassName}
            value={to}
            min={from || undefined}
            onChange={(event) => onChange({ to: event.target.value })}
          />
        )}
      </Field>
    </>
  );
}
