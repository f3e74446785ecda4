"use client";

import { useMemo, useRef, useState, type FormEvent } from "react";
import { ApiError, errorMessage } from "@/lib/client/api-error";
import type { TriggerResult } from "@/lib/client/job-run-schemas";
import { useJobTypesQuery, useTriggerJobRunMutation } from "@/lib/client/job-runs";
import { describeParams, initialParamValues, type ParamValues } from "@/lib/client/params-form";
import { useMe } from "./me-context";
import { buildTriggerRequest } from "./trigger-request";
import { emptyTriggerErrors, triggerErrorsFromIssues, type TriggerFormErrors } from "./trigger-issues";

/** The run-job form's state: the chosen type, its values, the errors shown, and submitting. */
export function useRunJobForm({ onDone, defaultBusinessId }: { onDone: (result: TriggerResult) => void; defaultBusinessId: string }) {
  const isSystemAdmin = useMe().role === "system_admin";
  const types = useJobTypesQuery();
  const trigger = useTriggerJobRunMutation();
  const formRef = useRef<HTMLFormElement>(null);

  const [jobType, setJobType] = useState("");
  const [values, setValues] = useState<ParamValues>({});
  const [businessId, setBusinessId] = useState(defaultBusinessId);
  const [idempotencyKey, setIdempotencyKey] = useState("");
  const [tagsText, setTagsText] = useState("");
  const [runAtText, setRunAtText] = useState("");
  const [priorityText, setPriorityText] = useState("");
  const [errors, setErrors] = useState<TriggerFormErrors>(emptyTriggerErrors);
  const [formError, setFormError] = useState<string | null>(null);

  const definition = types.data?.registered.find((candidate) => candidate.type === jobType);
  const fields = useMemo(() => (definition ? describeParams(definition.paramsSchema) : []), [definition]);

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
    const built = buildTriggerRequest({
      definition,
      fields,
      values,
      businessId,
      idempotencyKey,
      tagsText,
      runAtText,
      priorityText,
      isSystemAdmin,
      now: Date.now(),
    });
    if ("errors" in built) {
      showErrors(built.errors, "Some fields need attention.");
      return;
    }
    setErrors(emptyTriggerErrors());
    setFormError(null);
    trigger.mutate(built.request, {
      onSuccess: onDone,
      onError: (error) => {
        const fromServer = error instanceof ApiError ? triggerErrorsFromIssues(error.issues, fields.map((field) => field.name)) : emptyTriggerErrors();
        showErrors(fromServer, errorMessage(error));
      },
    });
  }

  return {
    isSystemAdmin,
    types,
    isSubmitting: trigger.isPending,
    formRef,
    submit,
    jobType,
    chooseType,
    definition,
    fields,
    values,
    setParam: (name: string, value: string | boolean) => setValues((current) => ({ ...current, [name]: value })),
    businessId,
    setBusinessId,
    idempotencyKey,
    setIdempotencyKey,
    tagsText,
    setTagsText,
    runAtText,
    setRunAtText,
    priorityText,
    setPriorityText,
    errors,
    formError,
  };
}
