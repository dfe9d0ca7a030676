// Dates, numbers and codes as the pages show them, and the conversions of the
// <input type="datetime-local"> values the owner forms send.

export function formatTime(iso: string | Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
}

export function formatDateTime(iso: string | undefined, locale: string): string {
  if (!iso) return "–";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(d);
}

export function formatNumber(value: number, locale: string, maxFractionDigits = 1): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: maxFractionDigits }).format(value);
}

/** 0..1 -> "42 %" (Swedish) / "42%" (English). */
export function formatPercent(share: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(share);
}

/** "5566778899" -> "556677-8899"; anything else as it is. */
export function formatOrgNumber(n: string): string {
  return /^\d{10}$/.test(n) ? `${n.slice(0, 6)}-${n.slice(6)}` : n;
}

/** "2026-03-01T08:00" (the browser's local time) -> "2026-03-01T08:00:00+01:00". */
export function localToIso(local: string): string {
  const d = new Date(local);
  if (!local || Number.isNaN(d.getTime())) return local;
  const pad = (n: number) => String(Math.abs(n)).padStart(2, "0");
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:00${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`;
}

/** A Date (or ISO string) as the value of an <input type="datetime-local">, in the browser's time. */
export function toLocalInput(d: Date | string | undefined): string {
  if (!d) return "";
  const date = typeof d === "string" ? new Date(d) : d;
  if (Number.isNaN(date.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
