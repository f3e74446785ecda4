import type { SpawnedProcess, spawnTs } from "../../../../test-support/child-process";

const WORKER_ENTRY = "test-support/worker-entry.ts";

export interface FleetWorker {
  id: string;
  process: SpawnedProcess;
}

/**
 * Worker processes that a test starts, kills and replaces. Each slot holds one live worker; a
 * replacement gets a new WORKER_ID, so the attempts table tells the generations apart.
 */
export class WorkerFleet {
  private readonly slots: FleetWorker[] = [];
  private readonly everyWorker: FleetWorker[] = [];
  private readonly killedIds: string[] = [];
  private readonly replacements: number[] = [];

  constructor(
    private readonly spawn: typeof spawnTs,
    private readonly options: { name: string; env: Record<string, string> },
  ) {}

  start(count: number): void {
    for (let index = 0; index < count; index++) this.slots.push(this.launch(`${this.options.name}-${this.slots.length}`));
  }

  get workers(): readonly FleetWorker[] {
    return this.slots;
  }

  /** Every worker started so far, killed ones included. */
  get all(): readonly FleetWorker[] {
    return this.everyWorker;
  }

  get killed(): readonly string[] {
    return this.killedIds;
  }

  /** Output lines of every worker started so far. */
  lines(): string[] {
    return this.everyWorker.flatMap((worker) => worker.process.lines);
  }

  async ready(timeoutMs = 60_000): Promise<void> {
    await Promise.all(this.slots.map((worker) => worker.process.waitForLine(/Started:/, timeoutMs)));
  }

  isReady(slot: number): boolean {
    return this.slots[slot]?.process.lines.some((line) => line.includes("Started:")) ?? false;
  }

  /** SIGKILL: no shutdown code runs, leases are left behind as after a crash or an OOM kill. */
  async kill(slot: number): Promise<FleetWorker> {
    const victim = this.slots[slot];
    if (!victim) throw new Error(`No worker in slot ${slot}`);
    victim.process.child.kill("SIGKILL");
    await victim.process.exited;
    this.killedIds.push(victim.id);
    return victim;
  }

  async killAndReplace(slot: number): Promise<{ killed: string; replacement: string }> {
    const victim = await this.kill(slot);
    this.replacements[slot] = (this.replacements[slot] ?? 0) + 1;
    const replacement = this.launch(`${this.options.name}-${slot}-r${this.replacements[slot]}`);
    this.slots[slot] = replacement;
    return { killed: victim.id, replacement: replacement.id };
  }

  /** Throws with its output if a live worker exited without being told to. */
  assertAlive(): void {
    for (const worker of this.slots) {
      const { exitCode, signalCode } = worker.process.child;
      if (exitCode !== null || signalCode !== null) {
        throw new Error(`Worker ${worker.id} exited (${exitCode ?? signalCode}) on its own:\n${this.tail(worker.id)}`);
      }
    }
  }

  /** The last lines of one worker's output, for failure messages. */
  tail(id: string, characters = 4_000): string {
    return this.everyWorker.find((worker) => worker.id === id)?.process.output().slice(-characters) ?? "";
  }

  /** SIGTERM to every live worker; resolves with how each exited. */
  async stopGracefully(): Promise<{ id: string; code: number | null; signal: NodeJS.Signals | null }[]> {
    for (const worker of this.slots) worker.process.child.kill("SIGTERM");
    return Promise.all(this.slots.map(async (worker) => ({ id: worker.id, ...(await worker.process.exited) })));
  }

  private launch(id: string): FleetWorker {
    const worker = { id, process: this.spawn(WORKER_ENTRY, { env: { ...this.options.env, WORKER_ID: id } }) };
    this.everyWorker.push(worker);
    return worker;
  }
}
