import { NotAMember } from "@/components/automation/not-a-member";

// Rendered with status 403 when a page calls forbidden(): a signed-in user with no business.
export default function Forbidden() {
  return (
    <main className="auth-page">
      <NotAMember />
    </main>
  );
}
