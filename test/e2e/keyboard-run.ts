/**
 * A keyboard-only run through a skills-needs form with realistic answers (the ten-minute promise,
 * DESIGN.md): Tab moves on, Space checks, arrow keys choose radios, typing fills number fields and
 * picks select options by their first letters, Enter adds occupations, moves to the next step and
 * submits. Every key is counted (a typed string counts one key per character).
 */
import type { Page } from "playwright-core";
import { focused, type T } from "./support";

/** One occupation row: what is typed into the picker, and the answers by field. */
export type OccupationPlan = { query: string; selects: Record<string, string>; numbers: Record<string, number>; certificates: string[] };

export type RunPlan = {
  /** Need level index (0 none, 1 some, 2 large) per "<area>.<horizon>"; cells not named get none. */
  needs: Record<string, number>;
  /** Method index per cell with a need (0 upskill, 1 recruit, 2 both). */
  methods: Record<string, number>;
  peoplePerNeed: number;
  occupations: OccupationPlan[];
  /** Options checked per multi question (by value). */
  multi: Record<string, string[]>;
  comment: string;
};

/** Keys pressed (Tab among them), the steps seen, and the milliseconds spent in onStep (not the form's). */
export type RunResult = { keys: number; tabs: number; steps: string[]; hookMs: number };

/** The shortest prefix of the wanted option's text that no earlier option of the select starts with. */
async function typeaheadFor(page: Page, name: string, value: string): Promise<string> {
  const options = await page.evaluate((n) => Array.from(document.querySelector<HTMLSelectElement>(`select[name="${CSS.escape(n)}"]`)!.options).map((o) => [o.value, o.text]), name);
  const index = options.findIndex(([v]) => v === value);
  if (index < 0) throw new Error(`${name} has no option ${value}`);
  const text = options[index]![1]!.toLowerCase();
  for (let len = 1; len <= text.length; len++) {
    const prefix = text.slice(0, len);
    if (options.findIndex(([, t]) => t!.toLowerCase().startsWith(prefix)) === index) return prefix;
  }
  throw new Error(`${name}: no prefix reaches ${value}`);
}

export async function keyboardRun(page: Page, t: T, plan: RunPlan, onStep?: (step: string) => Promise<void>): Promise<RunResult> {
  let keys = 0;
  let tabs = 0;
  let hookMs = 0;
  const press = async (key: string) => {
    keys++;
    if (key === "Tab") tabs++;
    await page.keyboard.press(key);
  };
  const type = async (text: string) => {
    keys += text.length;
    await page.keyboard.type(text);
  };
  const steps: string[] = [];
  let seen = "";
  let added = 0;
  let likert = 0;
  for (let i = 0; i < 3000; i++) {
    const current = (await page.locator(".step-count").textContent()) ?? "";
    if (current !== seen) {
      seen = current;
      steps.push(current);
      await page.locator(".loading").waitFor({ state: "detached", timeout: 10_000 });
      const hookStart = performance.now();
      await onStep?.(current);
      hookMs += performance.now() - hookStart;
    }
    await press("Tab");
    const f = await focused(page);
    if (!f) continue;
    const row = /^occupations\.(\d+)\./.exec(f.name);
    const occupation = row ? plan.occupations[Number(row[1])] : undefined;
    const field = f.name.split(".").at(-1) ?? "";
    if (f.tag === "BUTTON") {
      if (f.text === t("form.submit")) {
        await press("Enter");
        return { keys, tabs, steps, hookMs };
      }
      if (f.text === t("form.next")) {
        await press("Enter");
        await page.waitForFunction((b) => document.querySelector(".step-count")?.textContent !== b, current, { timeout: 10_000 }).catch(() => {
          throw new Error(`the form did not move on from "${current}" (an answer is missing?)`);
        });
      } else if (f.text === t("occ.add") && added < plan.occupations.length) {
        await press("Enter");
        const picker = await focused(page);
        if (picker?.role !== "combobox") throw new Error(`after "${t("occ.add")}" the focus is on ${JSON.stringify(picker)}`);
        await type(plan.occupations[added]!.query);
        await page.waitForSelector(`[role=listbox]:not([hidden]) [role=option]`, { timeout: 10_000 });
        await press("ArrowDown");
        await press("Enter");
        added++;
      }
      continue;
    }
    if (f.type === "radio" && !f.groupChecked) {
      const cell = /^needs\.(\w+)\.(\w+)\.(level|method)$/.exec(f.name);
      const moves = cell ? (cell[3] === "level" ? (plan.needs[`${cell[1]}.${cell[2]}`] ?? 0) : (plan.methods[`${cell[1]}.${cell[2]}`] ?? 0)) : f.name === "detailsCorrect" ? 0 : likert++ % 4;
      await press("Space");
      for (let k = 0; k < moves; k++) await press("ArrowRight");
    } else if (f.type === "checkbox" && !f.checked) {
      const wanted = occupation && field === "certificates" ? occupation.certificates : (plan.multi[f.name] ?? []);
      if (wanted.includes(f.value)) await press("Space");
    } else if (f.tag === "SELECT" && !f.value && occupation?.selects[field]) {
      await type(await typeaheadFor(page, f.name, occupation.selects[field]!));
    } else if (f.tag === "INPUT" && f.type === "text" && f.role !== "combobox" && !f.value) {
      const n = occupation ? occupation.numbers[field] : field === "people" ? plan.peoplePerNeed : undefined;
      if (n !== undefined) await type(String(n));
    } else if (f.tag === "TEXTAREA" && f.name === "comments" && !f.value) {
      await type(plan.comment);
    }
  }
  throw new Error("Tab never reached the submit button");
}
