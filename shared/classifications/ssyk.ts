/** SSYK 2012 unit groups (4 digits) with Swedish labels: load only where labels are shown. */
import data from "./data/ssyk.json";

const labels: Readonly<Record<string, string>> = data;

export function ssykLabel(code: string): string | undefined {
  return Object.hasOwn(labels, code) ? labels[code] : undefined;
}

/** All 4-digit codes with labels, sorted by code: the occupation picker's list. */
export function ssykList(): { code: string; label: string }[] {
  return Object.keys(labels)
    .sort()
    .map((code) => ({ code, label: labels[code] }));
}
