import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import { z } from "zod";
import { resolveAuthSecret } from "../config/auth-secret";
import { clientAddress } from "../config/trusted-proxy";
import { getLogger } from "../logging/logger";
import { bumpSessionVersion } from "../tenancy/identity-store";
import { cacheSessionDecoding, type SessionIdentity } from "./session-cookie-cache";
import { attemptSignIn } from "./sign-in-attempt";
import { SIGN_IN_THROTTLED_CODE } from "./sign-in-throttled";

const CredentialsInput = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1024),
});

/** Thrown when the throttle refuses an attempt; the sign-in route turns its code into a 429. */
export class SignInThrottled extends CredentialsSignin {
  code = SIGN_IN_THROTTLED_CODE;
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: resolveAuthSecret(),
  trustHost: true,
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/sign-in" },
  logger: {
    // A wrong password is an expected outcome, not a server error; it is counted in login_attempts.
    error(error) {
      if ((error as { type?: string }).type !== "CredentialsSignin") getLogger().error({ err: error }, "Authentication error");
    },
  },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = CredentialsInput.safeParse(raw);
        if (!parsed.success) return null;
        const outcome = await attemptSignIn({ ...parsed.data, ip: clientAddress(request.headers) });
        if (outcome.kind === "throttled") throw new SignInThrottled();
        return outcome.kind === "signed_in" ? outcome.user : null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.sessionVersion = user.sessionVersion;
      }
      return token;
    },
    // Only the user id and session version travel in the session; roles and memberships are re-read per request.
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.sessionVersion = token.sessionVersion;
      return session;
    },
  },
  events: {
    // Ends this user's sessions on every device, not only the cookie being cleared here.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (token?.sub && typeof token.sessionVersion === "number") {
        await bumpSessionVersion({ userId: token.sub, ifVersion: token.sessionVersion });
      }
    },
  },
});

const identityOfCookies = cacheSessionDecoding(decodeSession);

/**
 * Who the session says is signed in, or null. Checks the id and version themselves, never just that
 * a session exists; whether that session has ended is the actor load's decision (loadSessionActor).
 */
export async function sessionIdentity(): Promise<SessionIdentity | null> {
  return identityOfCookies((await cookies()).getAll());
}

async function decodeSession(): Promise<SessionIdentity | null> {
  const session = await auth();
  const userId = session?.user?.id;
  const sessionVersion = session?.sessionVersion;
  if (typeof userId !== "string" || userId.length === 0 || typeof sessionVersion !== "number") return null;
  return { userId, sessionVersion };
}
