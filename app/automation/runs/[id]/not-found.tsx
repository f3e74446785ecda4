import { RunNotFound } from "@/components/automation/run-detail/run-not-found";

export default function RunNotFoundPage() {
  return <RunNotFound />;
}
