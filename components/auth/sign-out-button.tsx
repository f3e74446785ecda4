"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cancelPageLeaving, markPageLeaving } from "@/lib/client/page-exit";

/** Signs out through next-auth's standard endpoint, then leaves the page for the sign-in form. */
export function SignOutButton() {
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);

  async function signOut() {
    setPending(true);
    setFailed(false);
    // From the sign-out on, the page's polls answer 401: that is this sign-out, not a lost session.
    markPageLeaving();
    try {
      const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
      const response = await fetch("/api/auth/signout", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1" },
        body: new URLSearchParams({ csrfToken, callbackUrl: "/sign-in" }),
      });
      if (!response.ok) throw new Error(`Sign-out answered ${response.status}`);
      window.location.assign("/sign-in");
    } catch {
      cancelPageLeaving();
      setPending(false);
      setFailed(true);
    }
  }

  return (
    <>
      <Button size="small" onClick={signOut} disabled={pending}>
        {pending ? "Signing out…" : "Sign out"}
      </Button>
      {failed ? (
        <span role="alert" style={{ color: "var(--danger)", fontSize: "0.85rem" }}>
          Sign-out failed. Try again.
        </span>
      ) : null}
    </>
  );
}
