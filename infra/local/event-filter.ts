/**
 * Lambda event filtering (FilterCriteria of an event source mapping), for the patterns a stream
 * mapping uses: literal values, `prefix`, `exists`, `anything-but`, `numeric` (=, <, <=, >, >=).
 * A record is passed on when it matches any of the filters (as on AWS).
 */
type Pattern = { [key: string]: Pattern | unknown[] };

function matchesRule(rule: unknown, value: unknown, present: boolean): boolean {
  if (rule === null || typeof rule !== "object") return present && value === rule;
  const r = rule as Record<string, any>;
  if ("exists" in r) return r.exists ? present : !present;
  if (!present) return false;
  if ("prefix" in r) return typeof value === "string" && value.startsWith(String(r.prefix));
  if ("suffix" in r) return typeof value === "string" && value.endsWith(String(r.suffix));
  if ("anything-but" in r) {
    const but = Array.isArray(r["anything-but"]) ? r["anything-but"] : [r["anything-but"]];
    return !but.includes(value);
  }
  if ("numeric" in r) {
    const n = Number(value);
    const ops: unknown[] = r.numeric;
    for (let i = 0; i < ops.length; i += 2) {
      const [op, limit] = [ops[i], Number(ops[i + 1])];
      const ok = op === "=" ? n === limit : op === "<" ? n < limit : op === "<=" ? n <= limit : op === ">" ? n > limit : op === ">=" ? n >= limit : false;
      if (!ok) return false;
    }
    return true;
  }
  return false;
}

export function matchesPattern(pattern: Pattern, event: unknown): boolean {
  for (const [key, rule] of Object.entries(pattern)) {
    const obj = event && typeof event === "object" ? (event as Record<string, unknown>) : {};
    const present = key in obj;
    const value = obj[key];
    if (Array.isArray(rule)) {
      if (!rule.some((r) => matchesRule(r, value, present))) return false;
    } else if (rule && typeof rule === "object") {
      if (!present || !matchesPattern(rule as Pattern, value)) return false;
    }
  }
  return true;
}

/** Parses `FilterCriteria.Filters[].Pattern` (JSON strings); none means everything passes. */
export function recordFilter(filterCriteria: unknown): (record: unknown) => boolean {
  const filters = ((filterCriteria as { Filters?: { Pattern?: string }[] })?.Filters ?? [])
    .map((f) => (typeof f.Pattern === "string" ? (JSON.parse(f.Pattern) as Pattern) : (f.Pattern as Pattern | undefined)))
    .filter((p): p is Pattern => !!p);
  if (!filters.length) return () => true;
  return (record) => filters.some((p) => matchesPattern(p, record));
}
