"use client";

import { createContext, useContext, type ReactNode } from "react";
import type { Me } from "@/lib/client/me";

const MeContext = createContext<Me | null>(null);

export function MeProvider({ me, children }: { me: Me; children: ReactNode }) {
  return <MeContext.Provider value={me}>{children}</MeContext.Provider>;
}

/** The signed-in user; MeGate only draws its content once it is known. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error("useMe is used outside MeGate");
  return me;
}
