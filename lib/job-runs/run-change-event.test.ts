import { describe, expect, it } from "vitest";
import { ALL_BUSINESSES, businessScope } from "../tenancy/scope";
import { parseRunChangePayload, scopeSeesRunChange } from "./run-change-event";

const acmeRun = { id: "r1", businessId: "acme", status: "queued" as const };
const systemRun = { id: "r2", businessId: null, status: "running" as const };

describe("who hears of a run change", () => {
  it("tells system admins of every run, system runs included", () => {
    expect(scopeSeesRunChange(ALL_BUSINESSES, acmeRun)).toBe(true);
    expect(scopeSeesRunChange(ALL_BUSINESSES, systemRun)).toBe(true);
  });

  it("tells a business only of its own runs, never of system runs", () => {
    expect(scopeSeesRunChange(businessScope("acme"), acmeRun)).toBe(true);
    expect(scopeSeesRunChange(businessScope("birch"), acmeRun)).toBe(false);
    expect(scopeSeesRunChange(businessScope("acme"), systemRun)).toBe(false);
  });
});

describe("reading a notification's payload", () => {
  it("reads the trigger's JSON", () => {
    expect(parseRunChangePayload('{"id":"r1","businessId":"acme","status":"queued"}')).toEqual(acmeRun);
    expect(parseRunChangePayload('{"id":"r2","businessId":null,"status":"running"}')).toEqual(systemRun);
  });

  it("refuses what is not a run change rather than passing it on", () => {
    for (const payload of ["", "not json", "{}", '{"id":"r1","status":"queued"}', '{"id":"r1","businessId":"a","status":"lost"}']) {
      expect(parseRunChangePayload(payload)).toBeNull();
    }
  });
});
