/**
 * Node.js flags of every worker process (`npm run worker` spells them out in package.json too).
 * V8 sizes the young generation by the machine's memory, up to 32 MiB per semi-space on a large
 * one. A worker at thousands of runs a second fills that with short-lived statement and log
 * objects; the survivors of each scavenge move to the old generation, which grows until a full
 * collection. 4 MiB keeps the resident set about 60 MiB lower at the same throughput.
 */
export const WORKER_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=4"];
