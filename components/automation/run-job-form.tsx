"use client";

import { useMemo, useRef, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/error-state";
import { Field, fieldControlClassName } from "@/components/ui/field";
import { LoadingState } from "@/components/ui/loading-state";
import { ApiError, errorMessage } from "@/lib/client/api-error";
import type { TriggerResult } from "@/lib/client/job-run-schemas";
import { useJobTypesQuery, useTriggerJobRunMutation } from "@/lib/client/job-runs";
import { describeParams, initialParamValues, validateParams, type ParamValues } from "@/lib/client/params-form";
import { JobTypeSelect } from "./job-type-select";
import { useMe } from "./me-context";
import { ParamFieldInput } from "./param-field-input";
import { parseTags } from "./run-tags";
import { TargetBusinessField } from "./target-business-field";
import { emptyTriggerErrors, hasTriggerErrors, triggerErrorsFromIssues, type TriggerFormErrors } from "./trigger-issues";
import styles from "./run-job-form.module.css";

const MAX_IDEMPOTENCY_KEY = 200;

interface RunJobFormProps {
  onDone: (result: TriggerResult) => void;
  onCancel: () => void;
  defaultBusinessId?: string;
}

/** Picks a job type and fills in a form drawn from its parameter schema. */
export function RunJobForm({ onDone, onCancel, defaultBusinessId = "" }: RunJobFormProps) {
  const me = useMe();
  const isSystemAdmin = me.role === "system_admin";
  const types = useJobTypesQuery();
  const trigger = useTriggerJobRunMutation();
  const formRef = useRef<HTMLFormElement>(null);

  const [jobType, setJobType] = useState("");
  const [values, setValues] = useState<ParamValues>({});
  const [businessId, setBusinessId] = useState(defaultBusinessId);
  const [idempotencyKey, setIdempotencyKey] = useState("");
  const [tagsText, setTagsText] = useState("");
  const [errors, setErrors] = useState<TriggerFormErrors>(emptyTriggerErrors);
  const [formError, setFormError] = useState<string | null>(null);

  const definition = types.data?.registered.find((candidate) => candidate.type === jobType);
  const fields = useMemo(() => (definition ? describeParams(definition.paramsSchema) : []), [definition]);
  const needsBusiness = isSystemAdmin && definition?.scope === "tenant";

  function chooseType(type: string) {
    setJobType(type);
    const chosen = types.data?.registered.find((candidate) => candidate.type === type);
    setValues(chosen ? initialParamValues(describeParams(chosen.paramsSchema)) : {});
    setErrors(emptyTriggerErrors());
    setFormError(null);
  }

  function showErrors(next: TriggerFormErrors, message: string) {
    setErrors(next);
    setFormError(message);
    // Focus lands on the first field to fix, so keyboard and screen-reader users hear what is wrong.
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!definition) {
      showErrors({ ...emptyTriggerErrors(), jobType: "Choose a job type." }, "Choose a job type to run.");
      return;
    }
    const checked = validateParams(fields, values);
    const next: TriggerFormErrors = { ...emptyTriggerErrors(), params: checked.errors };
    if (needsBusiness && !businessId) next.businessId = "Choose the business to run this job for.";
    const tags = parseTags(tagsText);
    if ("error" in tags) next.tags = tags.error;
    const key = idempotencyKey.trim();
    if (key.length > MAX_IDEMPOTENCY_KEY) next.idempotencyKey = `Use at most ${MAX_IDEMPOTENCY_KEY} characters.`;
    if (hasTriggerErrors(next) || "error" in tags) {
      showErrors(next, "Some fields need attention.");
      return;
    }

    setErrors(emptyTriggerErrors());
    setFormError(null);
    trigger.mutate(
      {
        jobType: definition.type,
        params: checked.params,
        ...(key ? { idempotencyKey: key } : {}),
        ...(tags.tags.length ? { tags: tags.tags } : {}),
        ...(isSystemAdmin ? { businessId: definition.scope === "system" ? null : businessId } : {}),
      },
      {
        onSuccess: onDone,
        onError: (error) => {
          const fromServer = error instanceof ApiError ? triggerErrorsFromIssues(error.issues, fields.map((field) => field.name)) : emptyTriggerErrors();
          showErrors(fromServer, errorMessage(error));
        },
      },
    );
  }

  if (types.isPending) return <LoadingState label="Loading job types…" compact />;
  if (types.isError) return <ErrorState title="Could not load job types" error={types.error} onRetry={() => void types.refetch()} />;

  return (
    <form ref={formRef} className={styles.form} onSubmit={submit} noValidate aria-label="Run a job">
      <JobTypeSelect types={types.data.registered} value={jobType} error={errors.jobType} onChange={chooseType} />
      {definition ? <p className={styles.description}>{definition.description}</p> : null}

      {definition && isSystemAdmin ? (
        <TargetBusinessField jobScope={definition.scope} value={businessId} error={errors.businessId} onChange={setBusinessId} />
      ) : null}

      {definition ? (
        <fieldset className={styles.section}>
          <legend>Parameters</legend>
          {fields.length ? (
            fields.map((field) => (
              <ParamFieldInput
                key={`${definition.type}:${field.name}`}
                field={field}
                value={values[field.name]}
                error={errors.params[field.name]}
                onChange={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
              />
            ))
          ) : (
            <p className={styles.noParams}>This job takes no parameters.</p>
          )}
        </fieldset>
      ) : null}

      {definition ? (
        <fieldset className={styles.section}>
          <legend>Options</legend>
          <Field
            label="Idempotency key"
            hint="Optional. Triggering again with the same key returns the existing run instead of queuing a second one."
            error={errors.idempotencyKey}
          >
            {(control) => (
              <input {...control} className={fieldControlClassName} value={idempotencyKey} onChange={(event) => setIdempotencyKey(event.target.value)} autoComplete="off" />
            )}
          </Field>
          <Field label="Tags" hint="Optional, separated by commas: letters, digits and . _ : -" error={errors.tags}>
            {(control) => <input {...control} className={fieldControlClassName} value={tagsText} onChange={(event) => setTagsText(event.target.value)} autoComplete="off" />}
          </Field>
        </fieldset>
      ) : null}

      {formError ? (
        <div className={styles.alert} role="alert">
          {formError}
          {errors.other.length ? (
            <ul>
              {errors.other.map((issue) => (
                <li key={issue}>{issue}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      <div className={styles.footer}>
        <Button onClick={onCancel}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={trigger.isPending}>
          {trigger.isPending ? "Queuing…" : "Queue run"}
        </Button>
      </div>
    </form>
  );
}
