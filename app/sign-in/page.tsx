import { SignInForm } from "@/components/auth/sign-in-form";
import { callbackPathFor } from "@/lib/auth/callback-target";

export const metadata = { title: "Sign in · Automation" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const { callbackUrl } = await searchParams;
  // Only this origin: a callback URL that resolves elsewhere could send the user to another site after sign-in.
  const next = callbackPathFor(typeof callbackUrl === "string" ? callbackUrl : undefined);
  return (
    <main className="auth-page">
      <SignInForm next={next} />
    </main>
  );
}
