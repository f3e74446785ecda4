"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { readRunView, writeRunView, type RunView } from "@/lib/client/run-view";

/** The page's filters and window, read from the URL; each change is a new history entry, so Back undoes it. */
export function useRunView() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const query = searchParams.toString();
  const view = useMemo(() => readRunView(new URLSearchParams(query)), [query]);

  const setView = useCallback(
    (patch: Partial<RunView>) => {
      const next = writeRunView({ ...readRunView(new URLSearchParams(query)), ...patch });
      router.push(next ? `${pathname}?${next}` : pathname, { scroll: false });
    },
    [query, pathname, router],
  );

  return { view, setView };
}
