import { describe, expect, it } from "vitest";
import { matchesPattern, recordFilter } from "../../infra/local/event-filter";

const record = (eventName: string, sk: string) => ({ eventName, eventSource: "aws:dynamodb", dynamodb: { Keys: { pk: { S: "ROUND#1" }, sk: { S: sk } } } });

describe("event source mapping filters (local)", () => {
  it("applies the pattern CDK synthesizes for the response counter", () => {
    const passes = recordFilter({
      Filters: [{ Pattern: JSON.stringify({ eventName: ["INSERT"], dynamodb: { Keys: { sk: { S: [{ prefix: "RESP#" }] } } } }) }],
    });
    expect(passes(record("INSERT", "RESP#p1"))).toBe(true);
    expect(passes(record("MODIFY", "RESP#p1"))).toBe(false);
    expect(passes(record("INSERT", "DRAFT#p1"))).toBe(false);
    expect(passes({ eventName: "INSERT" })).toBe(false);
  });

  it("passes everything without filters and knows exists, anything-but and numeric", () => {
    expect(recordFilter(undefined)({})).toBe(true);
    expect(matchesPattern({ a: [{ exists: false }] }, {})).toBe(true);
    expect(matchesPattern({ a: [{ "anything-but": ["x"] }] }, { a: "y" })).toBe(true);
    expect(matchesPattern({ a: [{ numeric: [">", 1, "<=", 3] }] }, { a: 3 })).toBe(true);
    expect(matchesPattern({ a: [{ numeric: [">", 1, "<=", 3] }] }, { a: 4 })).toBe(false);
  });
});
