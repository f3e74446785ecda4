"use client";

import { useId } from "react";
import { fieldControlClassName } from "@/components/ui/field";
import { useBusinessesQuery } from "@/lib/client/businesses";

interface BusinessFilterSelectProps {
  value: string;
  onChange: (value: string) => void;
}

/** System admins narrow the whole page to one business, the system's own runs or orphans. */
export function BusinessFilterSelect({ value, onChange }: BusinessFilterSelectProps) {
  const id = useId();
  const businesses = useBusinessesQuery();
  const known = businesses.data?.businesses ?? [];
  const unknownSelection = value && value !== "system" && value !== "orphan" && !known.some((business) => business.id === value);
  return (
    <div style={{ display: "flex", alignItems: "center", gap: "0.5rem" }}>
      <label htmlFor={id} style={{ fontWeight: 600, fontSize: "0.875rem" }}>
        Business
      </label>
      <select
        id={id}
        className={fieldControlClassName}
        style={{ width: "auto", maxWidth: "16rem" }}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={businesses.isError ? `${id}-error` : undefined}
      >
        <option value="">All businesses</option>
        {known.map((business) => (
          <option key={business.id} value={business.id}>
            {business.name}
            {business.status !== "active" ? ` (${business.status})` : ""}
          </option>
        ))}
        {unknownSelection ? <option value={value}>{businesses.isPending ? "Loading…" : "Unknown business"}</option> : null}
        <option value="system">System runs</option>
        <option value="orphan">Orphaned runs (no business)</option>
      </select>
      {businesses.isError ? (
        <span id={`${id}-error`} role="alert" style={{ color: "var(--danger)", fontSize: "0.85rem" }}>
          Could not load businesses
        </span>
      ) : null}
    </div>
  );
}
