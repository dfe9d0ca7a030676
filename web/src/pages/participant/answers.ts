import type { Instrument, NeedMatrixQuestion } from "../../../../shared/schemas/instrument";
import type * as z from "zod/mini";

type MatrixQ = z.infer<typeof NeedMatrixQuestion>;

/** The value of a need level that means "no need": "none" if the instrument has it, else the first level. */
export function noneLevel(q: Pick<MatrixQ, "levels">): string | undefined {
  return q.levels.find((l) => l.value === "none")?.value ?? q.levels[0]?.value;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Turns the form's values into answers: drops unanswered fields (undefined, null, "", [], {}),
 * and in a need matrix drops method and people where the need is "none" (they are hidden there).
 * Objects inside arrays (occupation rows) stay, even empty, so error paths keep their index.
 * `forDraft` also drops numbers that are not numbers (a half-typed value must not block a save).
 */
export function cleanAnswers(values: Record<string, unknown>, instrument: Instrument, forDraft = false): Record<string, unknown> {
  const matrices = new Map<string, string | undefined>();
  const requiredMatrices: MatrixQ[] = [];
  for (const block of instrument.blocks)
    for (const q of block.questions)
      if (q.type === "needMatrix") {
        matrices.set(q.id, noneLevel(q));
        if (q.required) requiredMatrices.push(q);
      }

  function clean(value: unknown, inArray: boolean): unknown {
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value === "number") return forDraft && !Number.isFinite(value) ? undefined : value;
    if (typeof value === "string") return value.trim() === "" ? undefined : value;
    if (Array.isArray(value)) {
      const items = value.map((v) => (isPlainObject(v) ? (clean(v, true) ?? {}) : clean(v, true)));
      const kept = items.every((v) => isPlainObject(v)) ? items : items.filter((v) => v !== undefined);
      return kept.length ? kept : undefined;
    }
    if (isPlainObject(value)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const c = clean(v, false);
        if (c !== undefined) out[k] = c;
      }
      return Object.keys(out).length || inArray ? out : undefined;
    }
    return value;
  }

  const out: Record<string, unknown> = {};
  for (const [id, raw] of Object.entries(values)) {
    let value = clean(raw, false);
    if (value !== undefined && matrices.has(id) && isPlainObject(value)) {
      const none = matrices.get(id);
      const matrix: Record<string, Record<string, Record<string, unknown>>> = {};
      for (const [area, horizons] of Object.entries(value)) {
        if (!isPlainObject(horizons)) continue;
        for (const [h, cell] of Object.entries(horizons)) {
          if (!isPlainObject(cell)) continue;
          const c = cell.level === none ? { level: cell.level } : cell;
          (matrix[area] ??= {})[h] = c;
        }
      }
      value = Object.keys(matrix).length ? matrix : undefined;
    }
    if (value !== undefined) out[id] = value;
  }
  // For validation, a required matrix holds every cell, so that a missing answer is reported at
  // the cell's own radio group ("needs.digitalisation.now.level") rather than at the whole matrix.
  if (!forDraft)
    for (const q of requiredMatrices) {
      const matrix = (isPlainObject(out[q.id]) ? out[q.id] : {}) as Record<string, Record<string, unknown>>;
      for (const a of q.areas) {
        const area = (matrix[a.value] ??= {});
        for (const h of q.horizons) area[h.value] ??= {};
      }
      out[q.id] = matrix;
    }
  return out;
}

/** Removes the value at a path ("a.0.b") from nested answers; empties left behind are removed too. */
export function removePath(target: Record<string, unknown>, path: readonly PropertyKey[]): void {
  if (path.length === 0) return;
  const [head, ...rest] = path;
  const key = String(head);
  const container = target as Record<string, unknown>;
  if (rest.length === 0) {
    if (Array.isArray(container)) return; // keep indexes stable: an array item is emptied, not removed
    delete container[key];
    return;
  }
  const child = container[key];
  if (child && typeof child === "object") {
    removePath(child as Record<string, unknown>, rest);
    if (!Array.isArray(child) && Object.keys(child).length === 0 && !Array.isArray(container)) delete container[key];
  }
}

/** Number inputs: "" -> undefined, "12" -> 12, "1,5" -> 1.5, anything else -> NaN (the schema rejects it). */
export function toNumber(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (v === undefined || v === null) return undefined;
  const s = String(v).trim().replace(/\s/g, "");
  if (s === "") return undefined;
  return /^-?\d+([.,]\d+)?$/.test(s) ? Number(s.replace(",", ".")) : Number.NaN;
}

/** A DOM id for a field path such as "needs.digitalisation.now.level" or "occupations.0.ssyk". */
export function fieldId(path: string): string {
  return "q-" + path.replace(/[^A-Za-z0-9_-]/g, "--");
}

export type FlatError = { path: string; message: string };

/** Walks react-hook-form's nested error object and returns the leaf messages with their paths. */
export function flattenErrors(errors: unknown, prefix = ""): FlatError[] {
  const out: FlatError[] = [];
  if (!errors || typeof errors !== "object") return out;
  const e = errors as Record<string, unknown>;
  if (typeof e.message === "string" && prefix) out.push({ path: prefix, message: e.message });
  for (const [key, value] of Object.entries(e)) {
    if (key === "ref" || key === "type" || key === "types" || key === "message" || !value || typeof value !== "object") continue;
    if (key === "root") {
      const r = value as { message?: unknown };
      if (typeof r.message === "string") out.push({ path: prefix, message: r.message });
      continue;
    }
    out.push(...flattenErrors(value, prefix ? `${prefix}.${key}` : key));
  }
  return out;
}
