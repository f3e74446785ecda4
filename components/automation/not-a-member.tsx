import { SignOutButton } from "@/components/auth/sign-out-button";
import styles from "./automation-shell.module.css";

/** What a signed-in user without any business sees instead of the Automation page (the API's 403). */
export function NotAMember() {
  return (
    <div className={styles.notice}>
      <title>Not a member · Automation</title>
      <p className={styles.code}>403 · Forbidden</p>
      <h1>You are not a member of any business</h1>
      <p>Your account works, but it does not belong to a business yet. Ask an admin of your business to invite you, or sign in with another account.</p>
      <SignOutButton />
    </div>
  );
}
