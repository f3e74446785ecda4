"use client";

import Link from "next/link";
import { listPageHref } from "@/lib/client/list-query";
import { useListQuery } from "../use-list-query";
import styles from "./run-detail.module.css";

/** Back to the run list this page was opened from, with its filters. */
export function BackToListLink() {
  return (
    <Link href={listPageHref(useListQuery())} className={styles.back}>
      ← All runs
    </Link>
  );
}
