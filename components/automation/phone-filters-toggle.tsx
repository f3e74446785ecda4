"use client";

import { useId, useState, type ReactNode } from "react";
import styles from "./run-history-panel.module.css";

/**
 * On a phone the filters fold behind one button, so the history starts on the first screen; on
 * wider screens the button is not shown and the filters always are.
 */
export function PhoneFiltersToggle({ activeCount, children }: { activeCount: number; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <>
      <button type="button" className={styles.filtersToggle} aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {open ? "Hide filters" : "Filters"}
        {activeCount ? ` · ${activeCount} active` : ""}
      </button>
      <div id={id} className={styles.filters} data-open={open}>
        {children}
      </div>
    </>
  );
}
