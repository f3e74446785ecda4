import { DEFAULT_BATCH_SIZE, DEFAULT_LIMIT, MAX_BATCH_SIZE } from "./parse-args";

export const USAGE = `Usage: npm run orphans -- <command> [options]

Orphaned runs are tenant runs that belong to no business. System runs also have no business,
but they are never orphans and these commands never touch them.

Commands
  check                    Count runs per business, system runs and orphans; list the orphans.
      --limit N            Orphans to list (default ${DEFAULT_LIMIT}; 0 lists none)
      --json               Print the result as JSON

  delete                   Delete orphaned runs with their attempts, logs and attachments.
      --dry-run            Change nothing; print what would be deleted
      --yes, -y            Do not ask for confirmation (required when not on a terminal)
      --older-than DAYS    Only orphans created more than DAYS days ago
      --batch-size N       Runs per transaction (default ${DEFAULT_BATCH_SIZE}, at most ${MAX_BATCH_SIZE})
      --limit N            Runs to list with --dry-run (default ${DEFAULT_LIMIT})

  assign                   Give orphaned runs to an active business.
      --business ID|SLUG   The business that receives the runs
      --ids a,b,c          These runs (each must be an orphan, or nothing is changed)
      --all                Every orphan
      --dry-run            Change nothing; print what would be assigned
      --yes, -y            Do not ask for confirmation (required when not on a terminal)
      --batch-size N       Runs per transaction (default ${DEFAULT_BATCH_SIZE}, at most ${MAX_BATCH_SIZE})
      --limit N            Runs to list (default ${DEFAULT_LIMIT})
                           On a terminal, missing choices are asked for interactively.

  --help, -h               Show this help

Exit codes
  0    done (check: no orphans)
  1    check found orphans (or runs with no business and an unknown scope)
  2    usage error: unknown command or flag, bad or missing value
  3    refused or aborted (including Ctrl-C at a question); nothing was changed by the refused step
  4    failed: database error, or an attachment file could not be removed
  130  interrupted (SIGINT); the batch in progress was finished, later batches were not started
  143  terminated (SIGTERM); same as 130

Every change is written in batches, one transaction per batch, each with its audit event.
DATABASE_URL selects the database.
`;

/** Printed after a usage error, where the full help would bury the message. */
export const USAGE_SUMMARY = `Usage: npm run orphans -- check [--limit N] [--json]
       npm run orphans -- delete [--dry-run] [--yes] [--older-than DAYS] [--batch-size N] [--limit N]
       npm run orphans -- assign [--business ID|SLUG] [--ids a,b,c | --all] [--dry-run] [--yes] [--batch-size N] [--limit N]
Run npm run orphans -- --help for details and exit codes.
`;
