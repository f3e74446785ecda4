"use client";

import { useId } from "react";
import { fieldControlClassName } from "@/components/ui/field";
import { errorMessage } from "@/lib/client/api-error";
import { useSwitchBusinessMutation, type Me } from "@/lib/client/me";

/** For people in several businesses: which one the page (and everything it triggers) works in. */
export function BusinessSwitcher({ me }: { me: Me }) {
  const id = useId();
  const switchBusiness = useSwitchBusinessMutation();
  return (
    <>
      <label htmlFor={id}>Business</label>
      <select
        id={id}
        className={fieldControlClassName}
        style={{ width: "auto" }}
        value={switchBusiness.isPending ? switchBusiness.variables : (me.activeBusinessId ?? "")}
        disabled={switchBusiness.isPending}
        onChange={(event) => switchBusiness.mutate(event.target.value)}
      >
        {me.memberships.map((membership) => (
          <option key={membership.businessId} value={membership.businessId}>
            {membership.businessName}
          </option>
        ))}
      </select>
      {switchBusiness.isError ? (
        <span role="alert" style={{ color: "var(--danger)" }}>
          {errorMessage(switchBusiness.error)}
        </span>
      ) : null}
    </>
  );
}
