import { expect, test } from "@playwright/test";
import { contextFor } from "../support/contexts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test("[logs] every response of the gate carries its own X-Request-Id, signed in or not", async () => {
  const anonymous = await contextFor("anonymous");
  const member = await contextFor("acmeMember");
  const responses = [
    await anonymous.get("/api/job-runs"),
    await member.get("/api/me"),
    await member.get("/api/job-runs/not-a-uuid"),
    await member.get("/api/job-runs?limit=5"),
  ];
  expect(responses.map((response) => response.status())).toEqual([401, 200, 400, 200]);
  const ids = responses.map((response) => response.headers()["x-request-id"]);
  for (const id of ids) expect(id).toMatch(UUID);
  expect(new Set(ids).size).toBe(ids.length);
  await anonymous.dispose();
  await member.dispose();
});
