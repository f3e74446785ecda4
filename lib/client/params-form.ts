import { z } from "zod";

/**
 * Turns a job type's parameter schema (JSON Schema, as GET /api/job-runs/types sends it) into
 * form fields, and form values back into params. The server validates again; this only spares
 * the user a round trip and shows the rules next to the fields.
 */

interface BaseField {
  name: string;
  label: string;
  description?: string;
  required: boolean;
}

export type ParamField =
  | (BaseField & { kind: "integer" | "number"; minimum?: number; maximum?: number; defaultValue?: number })
  | (BaseField & { kind: "boolean"; defaultValue?: boolean })
  | (BaseField & { kind: "enum"; options: (string | number)[]; defaultValue?: string | number })
  | (BaseField & { kind: "string"; minLength?: number; maxLength?: number; pattern?: string; defaultValue?: string })
  /** A JSON Schema "date-time" string, typed in the viewer's local time and sent as ISO 8601. */
  | (BaseField & { kind: "datetime" })
  /** Anything the form cannot draw a control for is typed as JSON. */
  | (BaseField & { kind: "json"; defaultValue?: unknown });

export type ParamValues = Record<string, string | boolean>;

const PropertySchema = z
  .object({
    type: z.union([z.string(), z.array(z.string())]).optional(),
    title: z.string().optional(),
    description: z.string().optional(),
    default: z.unknown().optional(),
    enum: z.array(z.unknown()).optional(),
    const: z.unknown().optional(),
    format: z.string().optional(),
    pattern: z.string().optional(),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
    exclusiveMinimum: z.number().optional(),
    exclusiveMaximum: z.number().optional(),
    minLength: z.number().optional(),
    maxLength: z.number().optional(),
  })
  .loose();

const ObjectSchema = z
  .object({
    properties: z.record(z.string(), z.unknown()).optional(),
    required: z.array(z.string()).optional(),
  })
  .loose();

export function describeParams(schema: unknown): ParamField[] {
  const parsed = ObjectSchema.safeParse(schema);
  if (!parsed.success) return [];
  const required = new Set(parsed.data.required ?? []);
  return Object.entries(parsed.data.properties ?? {}).map(([name, raw]) => describeField(name, raw, required.has(name)));
}

function describeField(name: string, raw: unknown, required: boolean): ParamField {
  const property = PropertySchema.safeParse(raw);
  const base: BaseField = { name, label: humanize(name), required };
  if (!property.success) return { ...base, kind: "json" };
  const { type, title, description } = property.data;
  const options = property.data.enum ?? ("const" in property.data ? [property.data.const] : undefined);
  const defaultValue = property.data.default;
  const described: BaseField = { ...base, label: title ?? base.label, ...(description ? { description } : {}) };

  const scalarOptions = options?.filter((option): option is string | number => typeof option === "string" || typeof option === "number");
  if (scalarOptions && scalarOptions.length === options?.length && scalarOptions.length > 0) {
    return {
      ...described,
      kind: "enum",
      options: scalarOptions,
      ...(typeof defaultValue === "string" || typeof defaultValue === "number" ? { defaultValue } : {}),
    };
  }
  if (type === "integer" || type === "number") {
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = property.data;
    // An integer's exclusive bound is the next whole number; a decimal keeps the inclusive nearest.
    const step = type === "integer" ? 1 : 0;
    const min = minimum ?? (exclusiveMinimum !== undefined ? exclusiveMinimum + step : undefined);
    const max = maximum ?? (exclusiveMaximum !== undefined ? exclusiveMaximum - step : undefined);
    return {
      ...described,
      kind: type,
      ...(min !== undefined ? { minimum: min } : {}),
      ...(max !== undefined ? { maximum: max } : {}),
      ...(typeof defaultValue === "number" ? { defaultValue } : {}),
    };
  }
  if (type === "boolean") {
    return { ...described, kind: "boolean", ...(typeof defaultValue === "boolean" ? { defaultValue } : {}) };
  }
  if (type === "string" && property.data.format === "date-time") return { ...described, kind: "datetime" };
  if (type === "string") {
    const { minLength, maxLength, pattern } = property.data;
    return {
      ...described,
      kind: "string",
      ...(minLength !== undefined ? { minLength } : {}),
      ...(maxLength !== undefined ? { maxLength } : {}),
      ...(pattern !== undefined ? { pattern } : {}),
      ...(typeof defaultValue === "string" ? { defaultValue } : {}),
    };
  }
  return { ...described, kind: "json", ...(defaultValue !== undefined ? { defaultValue } : {}) };
}

export function initialParamValues(fields: ParamField[]): ParamValues {
  return Object.fromEntries(
    fields.map((field) => {
      if (field.kind === "boolean") return [field.name, field.defaultValue ?? false];
      if (field.kind === "json") return [field.name, field.defaultValue === undefined ? "" : JSON.stringify(field.defaultValue)];
      if (field.kind === "datetime") return [field.name, ""];
      return [field.name, field.defaultValue === undefined ? "" : String(field.defaultValue)];
    }),
  );
}

export interface ParamsValidation {
  params: Record<string, unknown>;
  errors: Record<string, string>;
}

export function validateParams(fields: ParamField[], values: ParamValues): ParamsValidation {
  const params: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const result = readField(field, values[field.name]);
    if ("error" in result) errors[field.name] = result.error;
    else if (result.value !== undefined) params[field.name] = result.value;
  }
  return { params, errors };
}

type FieldResult = { value: unknown } | { error: string };

function readField(field: ParamField, raw: string | boolean | undefined): FieldResult {
  if (field.kind === "boolean") return { value: raw === true };
  const text = typeof raw === "string" ? raw.trim() : "";
  if (text === "") return field.required ? { error: "This field is required." } : { value: undefined };

  switch (field.kind) {
    case "integer":
    case "number": {
      const value = Number(text);
      if (!Number.isFinite(value)) return { error: "Enter a number." };
      if (field.kind === "integer" && !Number.isInteger(value)) return { error: "Enter a whole number." };
      if (field.minimum !== undefined && value < field.minimum) return { error: `Must be at least ${field.minimum}.` };
      if (field.maximum !== undefined && value > field.maximum) return { error: `Must be at most ${field.maximum}.` };
      return { value };
    }
    case "enum": {
      const option = field.options.find((candidate) => String(candidate) === text);
      return option === undefined ? { error: `Choose one of: ${field.options.join(", ")}.` } : { value: option };
    }
    case "string": {
      if (field.minLength !== undefined && text.length < field.minLength) return { error: `Must be at least ${field.minLength} characters.` };
      if (field.maxLength !== undefined && text.length > field.maxLength) return { error: `Must be at most ${field.maxLength} characters.` };
      if (field.pattern !== undefined && !matches(field.pattern, text)) return { error: "This does not have the expected format." };
      return { value: text };
    }
    case "datetime": {
      // datetime-local gives "2026-11-23T14:30" in local time; the server wants an offset.
      const date = new Date(text);
      return Number.isNaN(date.getTime()) ? { error: "Enter a date and time." } : { value: date.toISOString() };
    }
    case "json": {
      try {
        return { value: JSON.parse(text) as unknown };
      } catch {
        return { error: "Enter valid JSON." };
      }
    }
  }
}

function matches(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, "u").test(text);
  } catch {
    // A pattern this browser cannot compile is left to the server.
    return true;
  }
}

/** "daysAhead" → "Days ahead", "batch_delay" → "Batch delay" */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
