// Usage: npm run bench [-- <command> ...] [--repeat N] [--quick]
// Runs the named benchmark commands (all by default) against one PostgreSQL server
// (TEST_POSTGRES_URL, or the throwaway server scripts/bench.sh starts), prints the report and
// writes it to bench/results/<date>.md, replacing only the sections of the commands it ran.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { BENCH_COMMANDS } from "../bench/commands";
import { mergeResults, type ResultSection } from "../bench/results-file";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { repeat: { type: "string", default: "3" }, quick: { type: "boolean", default: false }, help: { type: "boolean", default: false } },
});

if (values.help) {
  console.log("Usage: npm run bench [-- <command> ...] [--repeat N] [--quick]\n\nCommands:");
  for (const command of BENCH_COMMANDS) console.log(`  ${command.name.padEnd(17)} ${command.summary}`);
  process.exit(0);
}

const unknown = positionals.filter((name) => !BENCH_COMMANDS.some((command) => command.name === name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark command: ${unknown.join(", ")} (npm run bench -- --help lists them)`);
  process.exit(2);
}
const selected = positionals.length ? BENCH_COMMANDS.filter((command) => positionals.includes(command.name)) : BENCH_COMMANDS;
const repeat = Number(values.repeat);
if (!Number.isInteger(repeat) || repeat < 1) {
  console.error("--repeat must be a whole number of at least 1");
  process.exit(2);
}
const serverUrl = process.env.TEST_POSTGRES_URL;
if (!serverUrl) {
  console.error("TEST_POSTGRES_URL must name a PostgreSQL server (npm run bench starts a throwaway one)");
  process.exit(2);
}

const header = [
  "# Benchmarks",
  "",
  `${os.cpus().length} CPU cores (${os.cpus()[0]?.model ?? "unknown"}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, one PostgreSQL server on 127.0.0.1.`,
  "Each figure: median of the section's repetitions (min–max). Reproduce a section with `npm run bench -- <command>`.",
];
const progress = (message: string) => console.error(`… ${message}`);
const file = `bench/results/${new Date().toISOString().slice(0, 10)}.md`;
mkdirSync("bench/results", { recursive: true });

for (const command of selected) {
  progress(`${command.name}: ${command.summary}`);
  const startedAt = Date.now();
  const times = values.quick ? repeat : Math.min(repeat, command.maxRepeat ?? repeat);
  const lines = await command.run({ serverUrl, repeat: times, quick: values.quick, progress });
  const minutes = (Date.now() - startedAt) / 60_000;
  const provenance =
    `_\`${command.name}\`, measured ${new Date(startedAt).toISOString().slice(0, 16).replace("T", " ")} UTC: ` +
    `${times} repetition${times > 1 ? "s" : ""}${values.quick ? ", quick mode (reduced sizes)" : ""}, took ${minutes.toFixed(1)} min._`;
  const [title, ...rest] = lines;
  const section: ResultSection = { command: command.name, lines: [title!, "", provenance, ...rest] };
  console.log(["", ...section.lines].join("\n"));
  // Written after each command, so a long run that fails late keeps what it measured.
  const existing = existsSync(file) ? readFileSync(file, "utf8") : undefined;
  writeFileSync(file, mergeResults({ header, existing, fresh: [section], order: BENCH_COMMANDS.map((c) => c.name) }));
}

console.log(`\nWritten to ${file}`);
process.exit(0);
