"use client";

import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { LoadingState } from "@/components/ui/loading-state";
import type { TriggerResult } from "@/lib/client/job-run-schemas";
import { JobTypeSelect } from "./job-type-select";
import { RunJobFormAlert } from "./run-job-form-alert";
import { RunJobOptions } from "./run-job-options";
import { RunJobParams } from "./run-job-params";
import { RunJobTiming } from "./run-job-timing";
import { localMinuteValue } from "@/lib/client/run-timing";
import { TargetBusinessField } from "./target-business-field";
import { useRunJobForm } from "./use-run-job-form";
import styles from "./run-job-form.module.css";

interface RunJobFormProps {
  onDone: (result: TriggerResult) => void;
  onCancel: () => void;
  defaultBusinessId?: string;
}

/** Picks a job type and fills in a form drawn from its parameter schema. */
export function RunJobForm({ onDone, onCancel, defaultBusinessId = "" }: RunJobFormProps) {
  const form = useRunJobForm({ onDone, defaultBusinessId });
  const { types, definition, errors } = form;

  if (types.isPending) return <LoadingState label="Loading job types…" compact />;
  if (types.isError) return <ErrorState title="Could not load job types" error={types.error} onRetry={() => void types.refetch()} />;

  return (
    <form ref={form.formRef} className={styles.form} onSubmit={form.submit} noValidate aria-label="Run a job">
      <JobTypeSelect types={types.data.registered} value={form.jobType} error={errors.jobType} onChange={form.chooseType} />
      {definition ? (
        <>
          <p className={styles.description}>{definition.description}</p>
          {form.isSystemAdmin ? (
            <TargetBusinessField jobScope={definition.scope} value={form.businessId} error={errors.businessId} onChange={form.setBusinessId} />
          ) : null}
          <RunJobParams jobType={definition.type} fields={form.fields} values={form.values} errors={errors.params} onChange={form.setParam} />
          <RunJobOptions
            idempotencyKey={form.idempotencyKey}
            onIdempotencyKeyChange={form.setIdempotencyKey}
            tagsText={form.tagsText}
            onTagsTextChange={form.setTagsText}
            errors={errors}
          />
          <RunJobTiming
            runAtText={form.runAtText}
            onRunAtTextChange={form.setRunAtText}
            earliest={localMinuteValue(Date.now())}
            priorityText={form.priorityText}
            onPriorityTextChange={form.setPriorityText}
            errors={errors}
          />
        </>
      ) : null}

      {form.formError ? <RunJobFormAlert message={form.formError} otherIssues={errors.other} /> : null}

      <div className={styles.footer}>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={form.isSubmitting}>
          {form.isSubmitting ? "Queuing…" : "Queue run"}
        </Button>
      </div>
    </form>
  );
}
