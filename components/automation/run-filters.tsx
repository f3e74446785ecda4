"use client";

import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Field, fieldControlClassName } from "@/components/ui/field";
import { dateRangeError, hasListFilters, type RunView } from "@/lib/client/run-view";
import { RunDateRangeFields } from "./run-date-range-fields";
import { RunJobTypeFilter } from "./run-job-type-filter";
import { RunStatusFilter } from "./run-status-filter";
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
  function applyText(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    onChange({ tag: String(form.get("tag") ?? "").trim(), q: String(form.get("q") ?? "").trim() });
  }

  return (
    <form className={styles.form} onSubmit={applyText} role="search" aria-label="Filter run history">
      <RunStatusFilter statuses={view.statuses} onChange={(statuses) => onChange({ statuses })} />
      <RunJobTypeFilter value={view.jobType} jobTypes={jobTypes} onChange={(jobType) => onChange({ jobType })} />
      <Field label="Tag">
        {(control) => <input {...control} key={view.tag} name="tag" defaultValue={view.tag} className={fieldControlClassName} placeholder="e.g. nightly" />}
      </Field>
      <RunDateRangeFields from={view.from} to={view.to} error={dateRangeError(view)} onChange={onChange} />
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
