import { CheckboxField, Field, fieldControlClassName } from "@/components/ui/field";
import type { ParamField } from "@/lib/client/params-form";

interface ParamFieldInputProps {
  field: ParamField;
  value: string | boolean | undefined;
  error?: string;
  onChange: (value: string | boolean) => void;
}

/** One control drawn from a parameter's JSON Schema; its rules are spelled out in the hint. */
export function ParamFieldInput({ field, value, error, onChange }: ParamFieldInputProps) {
  if (field.kind === "boolean") {
    return <CheckboxField label={field.label} checked={value === true} onChange={onChange} hint={field.description} name={`params.${field.name}`} />;
  }
  const text = typeof value === "string" ? value : "";
  const hint = [field.description, rulesOf(field)].filter(Boolean).join(" · ") || undefined;
  return (
    <Field label={field.label} hint={hint} error={error} required={field.required}>
      {(control) => {
        const common = { ...control, name: `params.${field.name}`, className: fieldControlClassName, required: field.required };
        switch (field.kind) {
          case "integer":
          case "number":
            return (
              <input
                {...common}
                type="number"
                inputMode={field.kind === "integer" ? "numeric" : "decimal"}
                step={field.kind === "integer" ? 1 : "any"}
                min={field.minimum}
                max={field.maximum}
                value={text}
                onChange={(event) => onChange(event.target.value)}
              />
            );
          case "enum":
            return (
              <select {...common} value={text} onChange={(event) => onChange(event.target.value)}>
                {field.required && text === "" ? <option value="">Choose…</option> : null}
                {!field.required ? <option value="">Default</option> : null}
                {field.options.map((option) => (
                  <option key={String(option)} value={String(option)}>
                    {String(option)}
                  </option>
                ))}
              </select>
            );
          case "string":
            return <input {...common} type="text" value={text} maxLength={field.maxLength} onChange={(event) => onChange(event.target.value)} />;
          case "datetime":
            return <input {...common} type="datetime-local" value={text} onChange={(event) => onChange(event.target.value)} />;
          case "json":
            return <textarea {...common} value={text} onChange={(event) => onChange(event.target.value)} spellCheck={false} />;
        }
      }}
    </Field>
  );
}

function rulesOf(field: ParamField): string {
  switch (field.kind) {
    case "integer":
    case "number": {
      const kind = field.kind === "integer" ? "Whole number" : "Number";
      if (field.minimum !== undefined && field.maximum !== undefined) return `${kind} from ${field.minimum} to ${field.maximum}`;
      if (field.minimum !== undefined) return `${kind}, at least ${field.minimum}`;
      if (field.maximum !== undefined) return `${kind}, at most ${field.maximum}`;
      return kind;
    }
    case "string":
      return field.maxLength !== undefined ? `Up to ${field.maxLength} characters` : "";
    case "json":
      return "JSON value";
    case "datetime":
      return "Date and time, in your time zone";
    default:
      return "";
  }
}
