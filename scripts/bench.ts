// Usage: npm run bench [-- <command> ...] [--repeat N] [--quick]
// Runs the named benchmark commands (all by default) against one PostgreSQL server
// (TEST_POSTGRES_URL, or the throwaway server scripts/bench.sh starts), prints the report and
// writes it to bench/results/<date>.md.
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import { BENCH_COMMANDS } from "../lib/bench/commands";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { repeat: { type: "string", default: "3" }, quick: { type: "boolean", default: false }, help: { type: "boolean", default: false } },
});

if (values.help) {
  console.log("Usage: npm run bench [-- <command> ...] [--repeat N] [--quick]\n\nCommands:");
  for (const command of BENCH_COMMANDS) console.log(`  ${command.name.padEnd(10)} ${command.summary}`);
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

const startedAt = new Date();
const report: string[] = [
  `# Benchmarks, ${startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
  "",
  `${os.cpus().length} CPU cores (${os.cpus()[0]?.model ?? "unknown"}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, one PostgreSQL server on 127.0.0.1.`,
  `Each figure: median of ${repeat} repetition${repeat > 1 ? "s" : ""} (min–max).${values.quick ? " Quick mode: reduced sizes." : ""}`,
];
const progress = (message: string) => console.error(`… ${message}`);

for (const command of selected) {
  progress(`${command.name}: ${command.summary}`);
  const section = await command.run({ serverUrl, repeat, quick: values.quick, progress });
  report.push("", ...section);
  console.log(["", ...section].join("\n"));
}

mkdirSync("bench/results", { recursive: true });
const file = `bench/results/${startedAt.toISOString().slice(0, 10)}.md`;
writeFileSync(file, `${report.join("\n")}\n`);
console.log(`\nWritten to ${file}`);
process.exit(0);
