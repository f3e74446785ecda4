"use client";

import { Field, fieldControlClassName } from "@/components/ui/field";
import { useBusinessesQuery } from "@/lib/client/businesses";
import styles from "./run-job-form.module.css";

interface TargetBusinessFieldProps {
  jobScope: "tenant" | "system";
  value: string;
  error?: string;
  onChange: (businessId: string) => void;
}

/** System admins belong to no business, so they say which one a tenant job runs for. */
export function TargetBusinessField({ jobScope, value, error, onChange }: TargetBusinessFieldProps) {
  const businesses = useBusinessesQuery();
  if (jobScope === "system") return <p className={styles.note}>This is a system job: it runs outside any business.</p>;
  return (
    <Field label="Business" required error={error} hint="Tenant jobs always run for one business.">
      {(control) => (
        <select {...control} className={fieldControlClassName} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">{businesses.isPending ? "Loading businesses…" : "Choose…"}</option>
          {businesses.data?.businesses.map((business) => (
            <option key={business.id} value={business.id}>
              {business.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
