import Link from "next/link";

export const metadata = { title: "Page not found · Automation" };

export default function NotFound() {
  return (
    <main className="auth-page">
      <div className="not-found">
        <p className="not-found-code">404</p>
        <h1>Page not found</h1>
        <p>
          There is nothing at this address. <Link href="/automation">Go to Automation</Link>
        </p>
      </div>
    </main>
  );
}
