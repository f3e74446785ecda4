import { createInterface } from "node:readline";
import type { InputStream, OutputStream } from "./terminal";

export interface Prompter {
  /** The trimmed answer, or null when the operator pressed Ctrl-C or closed the input. */
  ask(question: string): Promise<string | null>;
  close(): void;
}

export function createPrompter({ input, output }: { input: InputStream; output: OutputStream }): Prompter {
  const readline = createInterface({ input, output: output as NodeJS.WritableStream, terminal: Boolean(input.isTTY) });
  // Lines typed ahead of their question are kept for it rather than dropped.
  const typedAhead: string[] = [];
  let waiting: ((answer: string | null) => void) | undefined;
  let ended = false;
  let cancelled = false;
  const answer = (value: string | null) => {
    const resolve = waiting;
    waiting = undefined;
    resolve?.(value);
  };
  readline.on("line", (line) => (waiting ? answer(line.trim()) : typedAhead.push(line.trim())));
  readline.on("close", () => {
    ended = true;
    answer(null);
  });
  // While readline owns the terminal, Ctrl-C arrives as a key press, not as a signal.
  readline.on("SIGINT", () => {
    output.write("\n");
    typedAhead.length = 0;
    cancelled = true;
    answer(null);
  });
  return {
    ask(question) {
      readline.setPrompt(question);
      readline.prompt();
      if (cancelled) return Promise.resolve(null);
      const ready = typedAhead.shift();
      if (ready !== undefined) return Promise.resolve(ready);
      if (ended) return Promise.resolve(null);
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
    close() {
      // Hands the terminal back, so Ctrl-C during the work that follows is a real SIGINT again.
      if (!ended) readline.close();
    },
  };
}

/** Only an explicit yes counts; Enter, anything else, Ctrl-C or end of input mean no. */
export async function confirm({ prompter, question }: { prompter: Prompter; question: string }): Promise<boolean> {
  const answer = await prompter.ask(`${question} [y/N] `);
  return answer !== null && /^(y|yes)$/i.test(answer);
}
