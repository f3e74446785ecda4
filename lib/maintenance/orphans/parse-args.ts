import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./cli-errors";

export const DEFAULT_LIMIT = 20;
export const DEFAULT_BATCH_SIZE = 200;
// Each batch's audit event lists its run ids; this keeps one event (and one IN list) a sane size.
export const MAX_BATCH_SIZE = 1000;

export interface CheckCommand {
  name: "check";
  json: boolean;
  limit: number;
}

export interface DeleteCommand {
  name: "delete";
  dryRun: boolean;
  yes: boolean;
  olderThanDays?: number;
  batchSize: number;
  limit: number;
}

export interface AssignCommand {
  name: "assign";
  business?: string;
  runIds?: string[];
  all: boolean;
  dryRun: boolean;
  yes: boolean;
  batchSize: number;
  limit: number;
}

export type OrphansCommand = { name: "help" } | CheckCommand | DeleteCommand | AssignCommand;

type Options = NonNullable<ParseArgsConfig["options"]>;

const HELP: Options = { help: { type: "boolean", short: "h" } };
const LIMIT: Options = { limit: { type: "string" } };
const CHANGE: Options = {
  "dry-run": { type: "boolean" },
  yes: { type: "boolean", short: "y" },
  "batch-size": { type: "string" },
};

const OPTIONS_BY_SUBCOMMAND = {
  check: { ...HELP, ...LIMIT, json: { type: "boolean" } },
  delete: { ...HELP, ...LIMIT, ...CHANGE, "older-than": { type: "string" } },
  assign: { ...HELP, ...LIMIT, ...CHANGE, business: { type: "string" }, ids: { type: "string" }, all: { type: "boolean" } },
} satisfies Record<string, Options>;

type Subcommand = keyof typeof OPTIONS_BY_SUBCOMMAND;

export function parseOrphansArgs(argv: readonly string[]): OrphansCommand {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError("Missing subcommand: check, delete or assign");
  if (first === "--help" || first === "-h" || first === "help") return { name: "help" };
  if (!isSubcommand(first)) {
    throw new UsageError(first.startsWith("-") ? `Unknown option ${first}` : `Unknown subcommand "${first}"`);
  }
  const values = readOptions(first, rest);
  if (values.help === true) return { name: "help" };
  const limit = wholeNumber(values, "limit", { min: 0, fallback: DEFAULT_LIMIT });

  if (first === "check") return { name: "check", json: values.json === true, limit };

  const change = {
    dryRun: values["dry-run"] === true,
    yes: values.yes === true,
    batchSize: wholeNumber(values, "batch-size", { min: 1, max: MAX_BATCH_SIZE, fallback: DEFAULT_BATCH_SIZE }),
    limit,
  };
  if (first === "delete") {
    return { name: "delete", ...change, olderThanDays: days(values, "older-than") };
  }

  const runIds = idList(values, "ids");
  const all = values.all === true;
  if (runIds && all) throw new UsageError("Use either --ids or --all, not both");
  const business = text(values, "business");
  return { name: "assign", ...change, business, runIds, all };
}

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

function readOptions(subcommand: Subcommand, args: string[]): Values {
  try {
    return parseArgs({ args, options: OPTIONS_BY_SUBCOMMAND[subcommand], strict: true, allowPositionals: false }).values as Values;
  } catch (error) {
    // node:util reports unknown flags, missing values and stray words; its wording is clear enough.
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function isSubcommand(value: string): value is Subcommand {
  return Object.hasOwn(OPTIONS_BY_SUBCOMMAND, value);
}

function text(values: Values, flag: string): string | undefined {
  const value = values[flag];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.trim() === "") throw new UsageError(`--${flag} needs a value`);
  return value.trim();
}

function wholeNumber(values: Values, flag: string, { min, max, fallback }: { min: number; max?: number; fallback: number }): number {
  const raw = text(values, flag);
  if (raw === undefined) return fallback;
  const number = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(number) || number < min || (max !== undefined && number > max)) {
    const range = max === undefined ? `${min} or more` : `from ${min} to ${max}`;
    throw new UsageError(`--${flag} must be a whole number ${range}, got "${raw}"`);
  }
  return number;
}

function days(values: Values, flag: string): number | undefined {
  const raw = text(values, flag);
  if (raw === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(raw)) throw new UsageError(`--${flag} must be a number of days, got "${raw}"`);
  return Number(raw);
}

function idList(values: Values, flag: string): string[] | undefined {
  const raw = text(values, flag);
  if (raw === undefined) return undefined;
  const ids = [...new Set(raw.split(",").map((id) => id.trim()).filter(Boolean))];
  if (ids.length === 0) throw new UsageError(`--${flag} needs at least one run id`);
  return ids;
}
