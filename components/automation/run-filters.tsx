"use client";

import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, fieldControlClassName } from "@/components/ui/field";
import { RUN_STATUSES } from "@/lib/job-runs/schemas";
import { dateRangeError, hasListFilters, type RunView } from "@/lib/client/run-view";
import { STATUS_LABELS } from "./run-labels";
import styles from "./run-filters.module.css";

interface RunFiltersProps {
  view: RunView;
  onChange: (patch: Partial<RunView>) => void;
  jobTypes: string[];
}

/**
 * Choices apply at once; typed text (tag, search) applies on Enter or "Apply". Text inputs are
 * keyed by their URL value so that going back or opening a shared link refills them.
 */
export function RunFilters({ view, onChange, jobTypes }: RunFiltersProps) {
  const rangeError = dateRangeError(view);
  const typeOptions = view.jobType && !jobTypes.includes(view.jobType) ? [view.jobType, ...jobTypes] : jobTypes;

  function applyText(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    onChange({ tag: String(form.get("tag") ?? "").trim(), q: String(form.get("q") ?? "").trim() });
  }

  function toggleStatus(status: (typeof RUN_STATUSES)[number], checked: boolean) {
    const next = checked ? [...view.statuses, status] : view.statuses.filter((candidate) => candidate !== status);
    onChange({ statuses: RUN_STATUSES.filter((candidate) => next.includes(candidate)) });
  }

  return (
    <form className={styles.form} onSubmit={applyText} role="search" aria-label="Filter run history">
      <fieldset className={styles.statuses}>
        <legend>Status</legend>
        {RUN_STATUSES.map((status) => (
          <label key={status} className={styles.chip}>
            <input type="checkbox" checked={view.statuses.includes(status)} onChange={(event) => toggleStatus(status, event.target.checked)} />
            <span>{STATUS_LABELS[status]}</span>
          </label>
        ))}
      </fieldset>
      <Field label="Job type">
        {(control) => (
          <select {...control} className={fieldControlClassName} value={view.jobType} onChange={(event) => onChange({ jobType: event.target.value })}>
            <option value="">All types</option>
            {typeOptions.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Tag">
        {(control) => <input {...control} key={view.tag} name="tag" defaultValue={view.tag} className={fieldControlClassName} placeholder="e.g. nightly" />}
      </Field>
      <Field label="From" error={rangeError ?? undefined}>
        {(control) => (
          <input
            {...control}
            type="date"
            className={fieldControlClassName}
            value={view.from}
            max={view.to || undefined}
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
            value={view.to}
            min={view.from || undefined}
            onChange={(event) => onChange({ to: event.target.value })}
          />
        )}
      </Field>
      <div className={styles.search}>
        <Field label="Search">
          {(control) => (
            <input
              {...control}
              key={view.q}
              name="q"
              type="search"
              defaultValue={view.q}
              className={fieldControlClassName}
              placeholder="Run id or job type"
            />
          )}
        </Field>
      </div>
      <div className={styles.actions}>
        <Button type="submit" variant="primary">
          Apply
        </Button>
        <Button
          disabled={!hasListFilters(view)}
          onClick={() => onChange({ statuses: [], jobType: "", tag: "", from: "", to: "", q: "" })}
        >
          Clear filters
        </Button>
      </div>
    </form>
  );
}
