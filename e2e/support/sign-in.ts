import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";
import { E2E_BASE_URL } from "../server-env";
import { PASSWORD } from "./roles";

/** Signs in through next-auth's standard endpoints, as any HTTP client would. Returns the response status. */
export async function signInWithCredentials(
  request: APIRequestContext,
  email: string,
  password = PASSWORD,
  headers: Record<string, string> = {},
): Promise<{ status: number; signedIn: boolean }> {
  const csrf = await request.get("/api/auth/csrf", { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { email, password, csrfToken, callbackUrl: "/automation" },
    headers: { ...headers, "x-auth-return-redirect": "1" },
    maxRedirects: 0,
  });
  const cookies = (await request.storageState()).cookies;
  return { status: response.status(), signedIn: cookies.some((cookie) => cookie.name.includes("session-token")) };
}

export async function newSignedInContext(email: string, password = PASSWORD): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL: E2E_BASE_URL });
  const { signedIn } = await signInWithCredentials(context, email, password);
  if (!signedIn) throw new Error(`Could not sign in as ${email}`);
  return context;
}
