/** What every benchmark command gets, and what it gives back: a Markdown section of the report. */
export interface BenchContext {
  /** A PostgreSQL server URL (role may create databases). */
  serverUrl: string;
  /** Repetitions behind each figure (median, min, max). */
  repeat: number;
  /** Smaller sizes, for trying the commands out; the report says so. */
  quick: boolean;
  /** Progress for the person waiting; not part of the report. */
  progress(message: string): void;
}

export interface BenchCommand {
  name: string;
  summary: string;
  /** At most this many repetitions at full size, for a command whose one repetition takes many minutes. */
  maxRepeat?: number;
  run(context: BenchContext): Promise<string[]>;
}
