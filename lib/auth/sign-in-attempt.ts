import { findUserByEmail } from "../tenancy/identity-store";
import { markLoginAttemptSucceeded, reserveLoginAttempt } from "../tenancy/login-attempt-store";
import { KNOWN_ADDRESS_MS, LOGIN_WINDOW_MS, throttleVerdict } from "./login-throttle";
import { DECOY_PASSWORD_HASH, verifyPassword } from "./password";

export type SignInOutcome =
  | { kind: "signed_in"; user: { id: string; email: string; name: string; sessionVersion: number } }
  | { kind: "wrong_credentials" }
  | { kind: "throttled"; retryAfterMs: number };

/**
 * Checks an email and password, unless the throttle refuses the attempt first. The attempt is
 * recorded and counted before the password is checked, in one step, so a burst sent at once is
 * held to the same limits as attempts sent one by one.
 */
export async function attemptSignIn({
  email,
  password,
  ip,
  at = new Date(),
}: {
  email: string;
  password: string;
  ip: string;
  /** When the attempt was made: now, unless replaying attempts at a given time. */
  at?: Date;
}): Promise<SignInOutcome> {
  const reservation = await reserveLoginAttempt(
    { email, ip, at, windowStart: new Date(at.getTime() - LOGIN_WINDOW_MS), knownSince: new Date(at.getTime() - KNOWN_ADDRESS_MS) },
    (history) => {
      const verdict = throttleVerdict(history, at);
      return verdict.throttled ? verdict.retryAfterMs : null;
    },
  );
  if (!reservation.admitted) return { kind: "throttled", retryAfterMs: reservation.refusal };
  const user = await findUserByEmail(email);
  const valid = await verifyPassword(password, user?.passwordHash ?? DECOY_PASSWORD_HASH);
  if (!user || !valid) return { kind: "wrong_credentials" };
  await markLoginAttemptSucceeded({ attemptId: reservation.attemptId, email, ip });
  return { kind: "signed_in", user: { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion } };
}
