export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

export const consoleOutput: CliOutput = { out: (line) => console.log(line), err: (line) => console.error(line) };

export const EXIT = { succeeded: 0, failed: 1, refused: 2, interrupted: 130 } as const;
