"use client";

import { useEffect, useRef } from "react";

interface SelectCheckboxProps {
  label: string;
  /** "some" shows the mixed state of a checkbox that stands for several rows. */
  checked: boolean | "some";
  onChange: () => void;
}

/** A native checkbox, so Tab reaches it and Space toggles it, named for screen readers. */
export function SelectCheckbox({ label, checked, onChange }: SelectCheckboxProps) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = checked === "some";
  }, [checked]);
  return <input ref={ref} type="checkbox" aria-label={label} checked={checked === true} onChange={onChange} />;
}
