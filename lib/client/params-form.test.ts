import { describe, expect, it } from "vitest";
import { describeParams, humanize, initialParamValues, validateParams } from "./params-form";

const remindersSchema = {
  type: "object",
  properties: {
    daysAhead: { default: 1, description: "Remind appointments this many days ahead", type: "integer", minimum: 1, maximum: 14 },
    channel: { default: "email", type: "string", enum: ["email", "sms"] },
    fullResync: { default: false, type: "boolean" },
    calendar: { type: "string", minLength: 1, maxLength: 10 },
    filter: { type: "object" },
  },
  required: ["calendar"],
  additionalProperties: false,
};

describe("describeParams", () => {
  it("draws a field for each property with its bounds, options and defaults", () => {
    const fields = describeParams(remindersSchema);
    expect(fields.map((field) => [field.name, field.kind, field.required])).toEqual([
      ["daysAhead", "integer", false],
      ["channel", "enum", false],
      ["fullResync", "boolean", false],
      ["calendar", "string", true],
      ["filter", "json", false],
    ]);
    expect(fields[0]).toMatchObject({ label: "Days ahead", minimum: 1, maximum: 14, defaultValue: 1 });
    expect(fields[1]).toMatchObject({ options: ["email", "sms"], defaultValue: "email" });
  });

  it("turns exclusive bounds of integers into inclusive ones", () => {
    const [field] = describeParams({ properties: { count: { type: "integer", exclusiveMinimum: 0, exclusiveMaximum: 10 } } });
    expect(field).toMatchObject({ minimum: 1, maximum: 9 });
  });

  it("returns no fields for something that is not an object schema", () => {
    expect(describeParams(null)).toEqual([]);
    expect(describeParams("nope")).toEqual([]);
  });
});

describe("string formats", () => {
  const fields = describeParams({
    properties: {
      from: { type: "string", format: "date-time", pattern: "^\\d{4}" },
      format: { type: "string", const: "csv", default: "csv" },
      code: { type: "string", pattern: "^[A-Z]{3}$" },
    },
  });

  it("draws a date-time field, a single-option choice and checks patterns", () => {
    expect(fields.map((field) => field.kind)).toEqual(["datetime", "enum", "string"]);
    expect(fields[1]).toMatchObject({ options: ["csv"], defaultValue: "csv" });
    const { params, errors } = validateParams(fields, { from: "2026-11-23T14:30", format: "csv", code: "abc" });
    expect(params.from).toBe(new Date(2026, 10, 23, 14, 30).toISOString());
    expect(errors).toEqual({ code: "This does not have the expected format." });
  });
});

describe("validateParams", () => {
  const fields = describeParams(remindersSchema);

  it("accepts the defaults once required fields are filled", () => {
    const values = { ...initialParamValues(fields), calendar: " front-desk " };
    expect(validateParams(fields, values)).toEqual({
      params: { daysAhead: 1, channel: "email", fullResync: false, calendar: "front-desk" },
      errors: {},
    });
  });

  it("explains what is wrong with each field", () => {
    const values = { daysAhead: "15", channel: "fax", fullResync: true, calendar: "", filter: "{oops" };
    expect(validateParams(fields, values).errors).toEqual({
      daysAhead: "Must be at most 14.",
      channel: "Choose one of: email, sms.",
      calendar: "This field is required.",
      filter: "Enter valid JSON.",
    });
    expect(validateParams(fields, { ...values, daysAhead: "1.5" }).errors.daysAhead).toBe("Enter a whole number.");
    expect(validateParams(fields, { ...values, calendar: "a-very-long-name" }).errors.calendar).toBe("Must be at most 10 characters.");
  });

  it("leaves out empty optional fields so the server applies its defaults", () => {
    const { params } = validateParams(fields, { daysAhead: "", channel: "", fullResync: false, calendar: "x", filter: "" });
    expect(params).toEqual({ fullResync: false, calendar: "x" });
  });
});

describe("humanize", () => {
  it("turns property names into labels", () => {
    expect(humanize("batchDelayMs")).toBe("Batch delay ms");
    expect(humanize("full_resync")).toBe("Full resync");
  });
});
