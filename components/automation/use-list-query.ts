"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { LIST_QUERY_PARAM } from "@/lib/client/list-query";

/** The query of the run list the viewer came from: the page's own on the list, the carried one on a run page. */
export function useListQuery(): string {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  return pathname === "/automation" ? searchParams.toString() : (searchParams.get(LIST_QUERY_PARAM) ?? "");
}
