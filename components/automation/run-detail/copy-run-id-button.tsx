"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import styles from "./copy-run-id-button.module.css";

const CONFIRMATION_MS = 2_000;

/** Copies the full run id, which people paste into logs, tickets and the command line. */
export function CopyRunIdButton({ runId }: { runId: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [state]);

  // The button's name stays its visible text; the outcome is announced beside it.
  return (
    <span className={styles.copy}>
      <Button size="small" variant="ghost" onClick={() => navigator.clipboard.writeText(runId).then(() => setState("copied"), () => setState("failed"))}>
        Copy run id
      </Button>
      <span role="status" className={styles.outcome}>
        {state === "copied" ? "Copied" : state === "failed" ? "Could not copy" : ""}
      </span>
    </span>
  );
}
