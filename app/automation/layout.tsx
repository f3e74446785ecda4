import type { ReactNode } from "react";
import { AutomationShell } from "@/components/automation/automation-shell";
import { QueryProvider } from "@/components/providers/query-provider";

export default function AutomationLayout({ children }: { children: ReactNode }) {
  return (
    <QueryProvider>
      <AutomationShell>{children}</AutomationShell>
    </QueryProvider>
  );
}
