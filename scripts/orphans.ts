// Finds, deletes and assigns orphaned job runs. See `npm run orphans -- --help`.
import { disconnectDb } from "../lib/db";
import { runOrphansCli } from "../lib/maintenance/orphans/run-orphans-cli";
import { processTerminal } from "../lib/maintenance/orphans/terminal";

const exitCode = await runOrphansCli({ argv: process.argv.slice(2), terminal: processTerminal() });
await disconnectDb();
process.exitCode = exitCode;
