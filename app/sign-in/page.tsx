import { SignInForm } from "@/components/auth/sign-in-form";

export const metadata = { title: "Sign in · Automation" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  // Only same-site paths: an absolute callback URL could send the user elsewhere after sign-in.
  const next = callbackUrl?.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/automation";
  return (
    <main className="auth-page">
      <SignInForm next={next} />
    </main>
  );
}
