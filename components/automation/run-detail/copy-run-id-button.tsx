"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";

const CONFIRMATION_MS = 2_000;

/** Copies the full run id, which people paste into logs, tickets and the command line. */
export function CopyRunIdButton({ runId }: { runId: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), CONFIRMATION_MS);
    return () => clearTimeout(timer);
  }, [state]);

  return (
    <Button
      size="small"
      variant="ghost"
      aria-label="Copy run id"
      onClick={() => navigator.clipboard.writeText(runId).then(() => setState("copied"), () => setState("failed"))}
    >
      {state === "copied" ? "Copied" : state === "failed" ? "Could not copy" : "Copy run id"}
    </Button>
  );
}
