import { getDb } from "../db";
import { inAccess } from "../db/database-access";
import { sqlDialect } from "../db/sql-dialect";
import { normalizeEmail, signInAccess } from "./identity-store";

export interface LoginAttemptKey {
  email: string;
  ip: string;
  at: Date;
  /** Failures since then count. */
  windowStart: Date;
  /** A success of this email from this address since then makes the address a known one. */
  knownSince: Date;
}

export interface LoginAttemptHistory {
  accountAndAddressFailures: number;
  addressFailures: number;
  accountFailures: number;
  lastAccountFailureAt: Date | null;
  knownAddress: boolean;
}

export type Reservation<R> = { admitted: true; attemptId: number } | { admitted: false; refusal: R };

// Any fixed number: every sign-in attempt on PostgreSQL takes this one transaction lock.
const LOGIN_ATTEMPTS_LOCK = 7_146_552_281;

/**
 * Records an attempt as failed and decides on it from the attempts before it, as one atomic step:
 * concurrent attempts are decided one after another, each seeing the ones before it, so no burst
 * gets more checks than the limits allow. A refused attempt is removed again (it was never checked);
 * an admitted one stays a failure until markLoginAttemptSucceeded.
 *
 * SQLite: the transaction's first statement is the insert, which takes the database's write lock,
 * so other connections and processes wait. PostgreSQL: inserts do not block each other, so a
 * transaction-scoped advisory lock orders the attempts; it is held for a few index reads, not for
 * the password check.
 */
export async function reserveLoginAttempt<R>(key: LoginAttemptKey, decide: (history: LoginAttemptHistory) => R | null): Promise<Reservation<R>> {
  const email = normalizeEmail(key.email);
  // Before anyone is known: on PostgreSQL only this email's and this address's attempts are visible.
  return inAccess(signInAccess(email, key.ip), () => recordAndDecide({ ...key, email }, decide));
}

function recordAndDecide<R>(key: LoginAttemptKey, decide: (history: LoginAttemptHistory) => R | null): Promise<Reservation<R>> {
  const { email } = key;
  return getDb().$transaction(
    async (tx) => {
      if (sqlDialect().name === "postgresql") await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOGIN_ATTEMPTS_LOCK}::bigint)`;
      const { id } = await tx.loginAttempt.create({ data: { email, ip: key.ip, succeeded: false, createdAt: key.at }, select: { id: true } });
      const failedInWindow = { succeeded: false, createdAt: { gte: key.windowStart }, id: { not: id } };
      const [accountAndAddressFailures, addressFailures, account, known] = await Promise.all([
        tx.loginAttempt.count({ where: { ...failedInWindow, email, ip: key.ip } }),
        tx.loginAttempt.count({ where: { ...failedInWindow, ip: key.ip } }),
        tx.loginAttempt.aggregate({ where: { ...failedInWindow, email }, _count: { _all: true }, _max: { createdAt: true } }),
        tx.loginAttempt.findFirst({ where: { email, ip: key.ip, succeeded: true, createdAt: { gte: key.knownSince } }, select: { id: true } }),
      ]);
      const refusal = decide({
        accountAndAddressFailures,
        addressFailures,
        accountFailures: account._count._all,
        lastAccountFailureAt: account._max.createdAt,
        knownAddress: known !== null,
      });
      if (refusal === null) return { admitted: true as const, attemptId: id };
      await tx.loginAttempt.delete({ where: { id } });
      return { admitted: false as const, refusal };
    },
    // Attempts queue for the lock (and on PostgreSQL for a pooled connection) during a burst.
    { maxWait: 30_000, timeout: 30_000 },
  );
}

export async function markLoginAttemptSucceeded({ attemptId, email, ip }: { attemptId: number; email: string; ip: string }): Promise<void> {
  await inAccess(signInAccess(email, ip), () => getDb().loginAttempt.update({ where: { id: attemptId }, data: { succeeded: true } }));
}
