import type { ReactNode } from "react";
import { useI18n } from "../i18n";

/** A field's error line; the hidden prefix makes a screen reader say that it is an error. */
export function ErrorText({ id, children }: { id: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <p className="field-error" id={id}>
      <span className="visually-hidden">{t("common.errorPrefix")}</span>
      {children}
    </p>
  );
}
