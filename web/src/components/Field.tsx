import type { ReactNode } from "react";
import { useI18n } from "../i18n";
import { ErrorText } from "./ErrorText";

/**
 * One field's label, hint, error and control. The hint is `${id}-hint` and the error `${id}-error`,
 * the ids the control lists in its aria-describedby.
 */
export function Field(props: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
  /** Shown after the label text, inside the label (e.g. a page's own optional mark). */
  labelSuffix?: ReactNode;
  /** For controls named by the label's id (a combobox's listbox). */
  labelId?: string;
  labelClass?: string;
  className?: string;
  children: ReactNode;
}) {
  const { id, label, hint, error, optional, labelSuffix, labelId, labelClass, className, children } = props;
  const { t } = useI18n();
  return (
    <div className={`${error ? "field has-error" : "field"}${className ? ` ${className}` : ""}`}>
      <label htmlFor={id} id={labelId} className={labelClass}>
        {label}
        {optional ? <span className="optional"> {t("common.optional")}</span> : null}
        {labelSuffix}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}

/** A field's (or a fieldset's) hint and error, with the ids its aria-describedby lists. */
export function FieldMessages({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  return (
    <>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? <ErrorText id={`${id}-error`}>{error}</ErrorText> : null}
    </>
  );
}
