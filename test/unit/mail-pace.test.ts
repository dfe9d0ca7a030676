import { describe, expect, it } from "vitest";
import { mailBudget } from "../../functions/domain/mail-pace";

describe("a mailing task's budget", () => {
  it("sends no more than the rate in any one second, however fast the sends are asked for", async () => {
    const budget = mailBudget({ sendRatePerSecond: 20, taskSeconds: 300 });
    const times: number[] = [];
    await Promise.all(Array.from({ length: 50 }, () => budget.paced(async () => times.push(performance.now()))));
    times.sort((a, b) => a - b);
    expect(times).toHaveLength(50);
    for (let i = 20; i < times.length; i++) expect(times[i]! - times[i - 20]!).toBeGreaterThanOrEqual(990);
  });

  it("is spent once its sending time has passed, and not before", async () => {
    const budget = mailBudget({ sendRatePerSecond: 20, taskSeconds: 0.2 });
    expect(budget.spent()).toBe(false);
    await new Promise((r) => setTimeout(r, 250));
    expect(budget.spent()).toBe(true);
  });

  it("holds nothing back and never runs out without a pace (the tests' own deps)", async () => {
    const budget = mailBudget(undefined);
    const started = performance.now();
    await Promise.all(Array.from({ length: 200 }, () => budget.paced(async () => undefined)));
    expect(performance.now() - started).toBeLessThan(500);
    expect(budget.spent()).toBe(false);
  });
});
