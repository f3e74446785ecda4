import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { buildDBClient, SqliteQueue } from "liteque";
import { LITEQUE_QUEUE, LITEQUE_QUEUE_OPTIONS, LITEQUE_RUNNER } from "./liteque-settings";
import type { PeerJobPayload } from "./peer-job";
import type { InstalledPeer, PeerSystem } from "./peer-system";

/** liteque, the SQLite job queue behind Karakeep, as shipped: one SQLite file of its own in a temporary folder. */
export const liteque: PeerSystem = {
  name: "liteque as shipped",
  setup:
    `liteque as shipped (0.8.0): its Runner with the process's concurrency, pollIntervalMs ${LITEQUE_RUNNER.pollIntervalMs} and ` +
    `timeoutSecs ${LITEQUE_RUNNER.timeoutSecs} as its README starts one, on a file in WAL mode with synchronous = NORMAL (its defaults)`,
  async install(): Promise<InstalledPeer> {
    const dir = mkdtempSync(path.join(tmpdir(), "bench-liteque-"));
    const file = path.join(dir, "liteque.db");
    // Migrated once here, so the worker processes do not race to create the tables.
    const db = buildDBClient(file, { runMigrations: true });
    const queue = new SqliteQueue<PeerJobPayload>(LITEQUE_QUEUE, db, LITEQUE_QUEUE_OPTIONS);
    // A plain connection of its own for counting and clearing, outside the queue's API.
    const inspect = new Database(file);
    const count = (statuses: string[]) =>
      inspect.prepare<string[], { n: number }>(`SELECT COUNT(*) AS n FROM tasks WHERE status IN (${statuses.map(() => "?").join(", ")})`).get(...statuses)!.n;
    return {
      url: `file:${file}`,
      workerEntry: "bench/peers/liteque-worker-entry.ts",
      tuned: false,
      enqueueMany: async (payloads) => {
        for (const payload of payloads) await queue.enqueue(payload);
      },
      enqueueOne: async (payload) => {
        await queue.enqueue(payload);
      },
      outstanding: async () => count(["pending", "pending_retry", "running"]),
      failed: async () => count(["failed"]),
      // liteque deletes a job when it succeeds; this clears what a cut-short run left.
      clear: async () => {
        inspect.prepare("DELETE FROM tasks").run();
      },
      async remove() {
        inspect.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};
