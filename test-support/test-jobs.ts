import { appendFileSync, existsSync } from "node:fs";
import { z } from "zod";
import { abortableSleep } from "../lib/jobs/abortable-sleep";
import { defineJob, type JobDefinition } from "../lib/jobs/define-job";
import { createJobRegistry, jobRegistry } from "../lib/jobs/registry";

const FAST_BACKOFF = { baseMs: 20, maxMs: 200, jitter: 0.25 };

export const testNoop = defineJob({
  type: "test-noop",
  title: "No-op",
  description: "Does nothing.",
  scope: "tenant",
  params: z.object({}).strict(),
  async run() {
    return { ok: true };
  },
});

export const testSleep = defineJob({
  type: "test-sleep",
  title: "Sleep",
  description: "Waits, reporting progress; stops when aborted.",
  scope: "tenant",
  params: z.object({ ms: z.number().int().min(0) }).strict(),
  timeoutMs: 120_000,
  backoff: FAST_BACKOFF,
  async run({ params, signal, progress, log }) {
    log.info(`sleeping ${params.ms} ms`);
    await progress(0, "sleeping");
    await abortableSleep(params.ms, signal);
    return { slept: params.ms };
  },
});

/** The progress message of a gated run whose handler has started and waits at its gate. */
export const AT_THE_GATE = "waiting at the gate";

/**
 * Holds until its gate file exists, or until aborted: a test opens the gate (see openGate) once it
 * has seen the state it needs, so how long the run takes never depends on the machine's speed.
 */
export const testGate = defineJob({
  type: "test-gate",
  title: "Gate",
  description: "Waits until its gate file exists; stops when aborted.",
  scope: "tenant",
  params: z.object({ gate: z.string().min(1) }).strict(),
  timeoutMs: 120_000,
  backoff: FAST_BACKOFF,
  async run({ params, signal, progress }) {
    await progress(0, AT_THE_GATE);
    while (!existsSync(params.gate)) await abortableSleep(20, signal);
    return { passed: true };
  },
});

/**
 * Appends its attempt number to its tally file as the handler's last act: the file says how many
 * times the handler ran to its end, whether or not the worker lived to record the success.
 */
export const testTally = defineJob({
  type: "test-tally",
  title: "Tally",
  description: "Records each time its handler ends in a file.",
  scope: "tenant",
  params: z.object({ tally: z.string().min(1) }).strict(),
  backoff: FAST_BACKOFF,
  async run({ params, attempt }) {
    appendFileSync(params.tally, `${attempt}\n`);
    return { attempt };
  },
});

export const testTimeout = defineJob({
  type: "test-timeout",
  title: "Times out",
  description: "Sleeps longer than its timeout.",
  scope: "tenant",
  params: z.object({}).strict(),
  maxAttempts: 2,
  timeoutMs: 300,
  backoff: FAST_BACKOFF,
  async run({ signal }) {
    await abortableSleep(60_000, signal);
  },
});

export const testFlaky = defineJob({
  type: "test-flaky",
  title: "Flaky",
  description: "Fails its first attempts.",
  scope: "tenant",
  params: z.object({ failTimes: z.number().int().min(0) }).strict(),
  maxAttempts: 3,
  backoff: FAST_BACKOFF,
  async run({ params, attempt }) {
    if (attempt <= params.failTimes) throw new Error(`planned failure ${attempt}`);
    return { attempt };
  },
});

export const testSystemNoop = defineJob({
  type: "test-system-noop",
  title: "System no-op",
  description: "Does nothing for the system.",
  scope: "system",
  params: z.object({}).strict(),
  async run() {
    return { ok: true };
  },
});

export const TEST_JOBS = [testNoop, testSleep, testGate, testTally, testTimeout, testFlaky, testSystemNoop] as JobDefinition[];

/** The application's jobs plus the test jobs. */
export function testRegistry(extra: JobDefinition[] = []) {
  return createJobRegistry([...jobRegistry.list(), ...TEST_JOBS, ...extra]);
}
