/**
 * Node.js flags of every worker process (`npm run worker` spells them out in package.json too).
 *
 * V8 sizes the young generation by the machine's memory, up to 32 MiB per semi-space on a large
 * one. A worker at thousands of runs a second fills that with short-lived statement and log
 * objects; the survivors of each scavenge move to the old generation, which grows until a full
 * collection. 4 MiB keeps the resident set about 60 MiB lower at the same throughput.
 *
 * After a full collection V8 lets the old generation grow to up to four times what survived
 * before the next one, and a busy worker's survivors are mostly garbage a little too old for
 * the young generation. Growing by half instead held a 100,000-run drain at 180 MiB instead of
 * 299 MiB, at the same throughput (a fifth was measurably slower).
 */
export const WORKER_NODE_FLAGS: readonly string[] = ["--max-semi-space-size=4", "--heap-growing-percent=50"];
