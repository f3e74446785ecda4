"use client";

import { useState, type FormEvent } from "react";
import styles from "./sign-in-form.module.css";

type Status = { kind: "idle" } | { kind: "submitting" } | { kind: "error"; message: string };

/** Posts to next-auth's standard credentials endpoint, so a 429 from the throttle can be shown as such. */
export function SignInForm({ next }: { next: string }) {
  const [status, setStatus] = useState<Status>({ kind: "idle" });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setStatus({ kind: "submitting" });
    const form = new FormData(event.currentTarget);
    try {
      const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
      const response = await fetch("/api/auth/callback/credentials", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-auth-return-redirect": "1" },
        body: new URLSearchParams({
          email: String(form.get("email") ?? ""),
          password: String(form.get("password") ?? ""),
          csrfToken,
          callbackUrl: next,
        }),
      });
      if (response.status === 429) {
        setStatus({ kind: "error", message: "Too many failed sign-ins. Try again later." });
        return;
      }
      const { url } = (await response.json()) as { url?: string };
      if (!response.ok || !url || new URL(url, window.location.href).searchParams.has("error")) {
        setStatus({ kind: "error", message: "That email and password do not match an account." });
        return;
      }
      window.location.assign(next);
    } catch {
      setStatus({ kind: "error", message: "Could not reach the server. Check your connection and try again." });
    }
  }

  return (
    <form className={styles.form} onSubmit={onSubmit} aria-describedby="sign-in-status">
      <h1>Sign in to Automation</h1>
      <label>
        Email
        <input name="email" type="email" autoComplete="username" required autoFocus />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      <button type="submit" disabled={status.kind === "submitting"}>
        {status.kind === "submitting" ? "Signing in…" : "Sign in"}
      </button>
      <p id="sign-in-status" role="alert" className={styles.error}>
        {status.kind === "error" ? status.message : ""}
      </p>
    </form>
  );
}
