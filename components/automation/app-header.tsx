"use client";

import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { activeMembership, type Me } from "@/lib/client/me";
import { BusinessSwitcher } from "./business-switcher";
import { ROLE_LABELS } from "./role-labels";
import styles from "./app-header.module.css";

export function AppHeader({ me }: { me: Me | null }) {
  return (
    <header className={styles.header}>
      <a href="#main" className={styles.skip}>
        Skip to content
      </a>
      <div className={styles.inner}>
        <Link href="/automation" className={styles.brand}>
          Automation
        </Link>
        {me ? <BusinessContext me={me} /> : null}
        <div className={styles.user}>
          {me ? <span className={styles.email}>{me.user.email}</span> : null}
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}

function BusinessContext({ me }: { me: Me }) {
  const role = <span className={styles.role}>{ROLE_LABELS[me.role]}</span>;
  if (me.role === "system_admin") {
    return (
      <div className={styles.context}>
        <span>All businesses</span>
        {role}
      </div>
    );
  }
  return (
    <div className={styles.context}>
      {me.memberships.length > 1 ? <BusinessSwitcher me={me} /> : <span>{activeMembership(me)?.businessName}</span>}
      {role}
    </div>
  );
}
