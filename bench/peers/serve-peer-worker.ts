import { createJobRecorder, type PeerJobPayload } from "./peer-job";

export interface PeerWorkerSettings {
  url: string;
  /** Jobs this process runs at once (the tuned pg-boss runs a multiple of it, see pg-boss-settings.ts). */
  concurrency: number;
  /** Run with the throughput settings the peer's documentation recommends, instead of as shipped. */
  tuned: boolean;
}

/**
 * The life of a peer's worker process, the same for every peer: start the peer's worker, say
 * "ready", and on SIGTERM stop it the peer's own graceful way, then print what the handlers saw
 * as one `report` line. The process also ends if the benchmark goes away (its stdin closes), so
 * a crashed benchmark leaves no worker behind.
 */
export async function servePeerWorker(
  start: (settings: PeerWorkerSettings, runJob: (payload: PeerJobPayload) => Promise<void>) => Promise<{ stop(): Promise<void> }>,
): Promise<void> {
  const settings: PeerWorkerSettings = {
    url: requiredEnv("PEER_DATABASE_URL"),
    concurrency: Number(requiredEnv("PEER_CONCURRENCY")),
    tuned: process.env.PEER_TUNED === "true",
  };
  process.stdin.on("end", () => process.exit(1)).resume();
  const recorder = createJobRecorder();
  const worker = await start(settings, recorder.run);
  process.once("SIGTERM", () => {
    void worker
      .stop()
      .catch((error: unknown) => console.error("stopping the worker failed:", error))
      .finally(() => process.stdout.write(`report ${JSON.stringify(recorder.report())}\n`, () => process.exit(0)));
  });
  console.log("ready");
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
