"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import type { TriggerResult } from "@/lib/client/job-run-schemas";
import { RunJobForm } from "./run-job-form";

interface RunJobDialogProps {
  onTriggered: (result: TriggerResult) => void;
  /** System admins looking at one business get it preselected. */
  defaultBusinessId?: string;
}

export function RunJobDialog({ onTriggered, defaultBusinessId }: RunJobDialogProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="primary" onClick={() => setOpen(true)} aria-haspopup="dialog">
        Run job
      </Button>
      <Dialog open={open} title="Run a job" onClose={() => setOpen(false)}>
        <RunJobForm
          defaultBusinessId={defaultBusinessId}
          onCancel={() => setOpen(false)}
          onDone={(result) => {
            setOpen(false);
            onTriggered(result);
          }}
        />
      </Dialog>
    </>
  );
}
