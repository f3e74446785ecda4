import { formatCount, type OutputStream } from "./terminal";

export interface ProgressReporter {
  update(progress: { done: number; batch: number }): void;
  finish(): void;
}

const BAR_WIDTH = 30;

/**
 * A redrawn bar on a terminal; one line per batch elsewhere, because carriage returns make logs
 * and CI output unreadable.
 */
export function createProgressReporter({
  stream,
  total,
  verb,
}: {
  stream: OutputStream;
  total: number;
  verb: string;
}): ProgressReporter {
  if (!stream.isTTY) {
    return {
      update: ({ done, batch }) => stream.write(`batch ${batch}: ${done.toLocaleString("en-US")}/${formatCount(total, "run")} ${verb}\n`),
      finish: () => undefined,
    };
  }
  let drawn = false;
  return {
    update({ done }) {
      // More orphans can appear while deleting; never let the bar run past its end.
      const ratio = total === 0 ? 1 : Math.min(done / total, 1);
      const filled = Math.round(ratio * BAR_WIDTH);
      const bar = `${"#".repeat(filled)}${"-".repeat(BAR_WIDTH - filled)}`;
      stream.write(`\r[${bar}] ${String(Math.floor(ratio * 100)).padStart(3)}%  ${done.toLocaleString("en-US")}/${formatCount(total, "run")} ${verb}`);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write("\n");
      drawn = false;
    },
  };
}
