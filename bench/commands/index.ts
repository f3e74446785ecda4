import { apiScale } from "./api";
import type { BenchCommand } from "./command";
import { driverLatency } from "./driver";
import { httpLoad } from "./http-load";
import { workerMemory } from "./memory";
import { PEER_COMMANDS } from "./peer-commands";
import { triggerLatency } from "./trigger-latency";
import { workerThroughput } from "./worker-throughput";

/** In the order `npm run bench` runs them when no command is named. */
export const BENCH_COMMANDS: readonly BenchCommand[] = [workerThroughput, triggerLatency, ...PEER_COMMANDS, driverLatency, apiScale, httpLoad, workerMemory];
