"use client";

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { isApiError } from "@/lib/client/api-error";
import { isPageLeaving } from "@/lib/client/page-exit";

const MAX_RETRIES = 2;

/** A session that ended (expiry, sign-out in another tab) sends the user back to sign in. */
function sendToSignInOnUnauthorized(error: unknown) {
  if (!isApiError(error, 401) || typeof window === "undefined" || isPageLeaving()) return;
  const here = `${window.location.pathname}${window.location.search}`;
  window.location.assign(`/sign-in?callbackUrl=${encodeURIComponent(here)}`);
}

function createQueryClient() {
  return new QueryClient({
    queryCache: new QueryCache({ onError: sendToSignInOnUnauthorized }),
    mutationCache: new MutationCache({ onError: sendToSignInOnUnauthorized }),
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        // A 4xx answer will not change by asking again; network hiccups and 5xx might.
        retry: (failureCount, error) => {
          if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
          return failureCount < MAX_RETRIES;
        },
      },
    },
  });
}

export function QueryProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
