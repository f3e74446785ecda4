import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { resolveAuthSecret } from "../config/auth-secret";
import { getLogger } from "../logging/logger";
import { findUserByEmail, recordLoginAttempt } from "../tenancy/identity-store";
import { clientIp, isLoginThrottled } from "./login-throttle";
import { DECOY_PASSWORD_HASH, verifyPassword } from "./password";

const CredentialsInput = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1024),
});

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
        const { email, password } = parsed.data;
        const ip = clientIp(request.headers);
        // Also enforced here so that every sign-in path is throttled, not only the HTTP endpoint.
        if (await isLoginThrottled({ email, ip })) return null;
        const user = await findUserByEmail(email);
        const valid = await verifyPassword(password, user?.passwordHash ?? DECOY_PASSWORD_HASH);
        await recordLoginAttempt({ email, ip, succeeded: Boolean(user && valid) });
        if (!user || !valid) return null;
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    // Only the user id travels in the session; roles and memberships are re-read per request.
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
});

/** The signed-in user's id, or null. Checks the id itself, never just that a session exists. */
export async function sessionUserId(): Promise<string | null> {
  const session = await auth();
  const id = session?.user?.id;
  return typeof id === "string" && id.length > 0 ? id : null;
}
