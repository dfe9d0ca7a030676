import { useEffect, useState, type ReactNode, type RefObject } from "react";
import type { Cell, Person, ProgrammeView } from "../../../../../shared/schemas";
import { useI18n, type MessageKey } from "../../../i18n";
import { useLoad } from "../../../lib/use-load";
import { ownerApi, ownerBlob } from "../session";
import { ErrorSummary } from "../../../components/ErrorSummary";
import { ErrorText } from "../../../components/ErrorText";
import { ValueCell } from "../components/ValueCell";

export const programmeHref = (id: string, rest = "") => `/owner/programmes/${encodeURIComponent(id)}${rest}`;

const CYCLE_BADGE: Record<string, string> = { planned: "", scheduled: "badge-scheduled", running: "badge-open", done: "badge-done", error: "badge-error" };

export function CycleStatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return <span className={`badge ${CYCLE_BADGE[status] ?? ""}`}>{t(`prog.cycleStatus.${status}` as MessageKey)}</span>;
}

/** A share as "42 %"; `points` gives a change of shares in percentage points, signed: "+12", "−3", "±0". */
export function percent(value: number, locale: string, points = false): string {
  if (points) {
    const n = Math.round(value * 100);
    return `${n > 0 ? "+" : n < 0 ? "−" : "±"}${new Intl.NumberFormat(locale).format(Math.abs(n))}`;
  }
  const text = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(Math.abs(value));
  return value < 0 ? `−${text}` : text;
}

/** A share or a change in percent (points), suppressed or empty as such. */
export function ShareCell({ cell, signed = false }: { cell: Cell; signed?: boolean }): ReactNode {
  const { t, locale } = useI18n();
  return <ValueCell cell={cell} format={(v) => percent(v, locale, signed)} emptyLabel={t("prog.empty")} />;
}

/** The programme view, with a reload. */
export function useProgramme(id: string) {
  const { data: view, error, reload: load } = useLoad(() => ownerApi<ProgrammeView>(`/api/programmes/${encodeURIComponent(id)}`), [id], { background: true });
  return { view, error, load };
}

export type CohortPerson = Person & { orgName: string };

/** The cohort's persons with their organisation's name, in the order of the organisations. */
export function useCohortPersons(view: ProgrammeView | null) {
  const [persons, setPersons] = useState<CohortPerson[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const key = view ? `${view.organisationIds.join(",")}|${view.personIds.join(",")}` : "";
  useEffect(() => {
    if (!view) return;
    let live = true;
    const wanted = new Set(view.personIds);
    Promise.all([
      ownerApi<{ items: { id: string; name: string }[] }>("/api/organisations"),
      ...view.organisationIds.map((o) => ownerApi<{ items: Person[] }>(`/api/organisations/${encodeURIComponent(o)}/persons`)),
    ]).then(
      ([orgs, ...lists]) => {
        if (!live) return;
        const names = new Map(orgs.items.map((o) => [o.id, o.name]));
        setPersons(
          lists.flatMap((l, i) =>
            l.items.filter((p) => wanted.has(p.id)).map((p) => ({ ...p, orgName: names.get(view.organisationIds[i]) ?? view.organisationIds[i] })),
          ),
        );
      },
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
    // key stands for the cohort
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return { persons, error };
}

/** Downloads an owner file (CSV) with the bearer token. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const { blob, filename } = await ownerBlob(path, { contentType: "text/csv" });
  const href = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = href;
  a.download = filename ?? fallbackName.replace(/[^\w.\-åäöÅÄÖ ]+/g, "_");
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export type FieldErrors = Record<string, string>;

/** The error summary at the top of a form: links that move the focus to the field. */
export function FieldErrorSummary({ errors, labels, idOf, summaryRef }: { errors: FieldErrors; labels: (key: string) => string; idOf: (key: string) => string; summaryRef: RefObject<HTMLDivElement | null> }) {
  const items = Object.entries(errors).map(([key, message]) => ({ key, target: idOf(key), text: `${labels(key)} – ${message}` }));
  return <ErrorSummary titleId={`${idOf("summary")}-title`} items={items} summaryRef={summaryRef} />;
}

export function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? <ErrorText id={id}>{message}</ErrorText> : null;
}
