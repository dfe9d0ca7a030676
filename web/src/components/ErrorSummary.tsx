import type { ReactNode, RefObject } from "react";
import { useI18n } from "../i18n";

export type ErrorSummaryItem = {
  key: string;
  /** The id of the input the link leads to. */
  target: string;
  text: ReactNode;
  /** Instead of focusing the target, e.g. when it is on another step of the form. */
  onSelect?: () => void;
};

/**
 * The list of errors at the top of a form, each a link to its field. The form focuses `summaryRef`
 * after a failed check, so the list is read out first.
 */
export function ErrorSummary({ titleId, intro, items, summaryRef }: { titleId: string; intro?: ReactNode; items: ErrorSummaryItem[]; summaryRef: RefObject<HTMLDivElement | null> }) {
  const { t } = useI18n();
  if (!items.length) return null;
  return (
    <div className="error-summary" ref={summaryRef} tabIndex={-1} aria-labelledby={titleId}>
      <h2 id={titleId}>{t("form.errorSummaryTitle")}</h2>
      {intro ? <p>{intro}</p> : null}
      <ul>
        {items.map((item) => (
          <li key={item.key}>
            <a
              href={`#${item.target}`}
              onClick={(event) => {
                event.preventDefault();
                if (item.onSelect) item.onSelect();
                else document.getElementById(item.target)?.focus();
              }}
            >
              {item.text}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
