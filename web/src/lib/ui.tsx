import { useEffect, useRef, type ReactNode } from "react";
import { hasNavigatedInApp } from "./router";
import { isMessageKey, useI18n } from "../i18n";
import { ApiError, NetworkError } from "./api";

/**
 * The page's h1. Sets the document title and, after an in-app navigation, takes focus so that
 * screen-reader and keyboard users start at the new page's top.
 */
export function PageTitle({ children, title }: { children: ReactNode; title?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const { t } = useI18n();
  const text = title ?? (typeof children === "string" ? children : "");
  useEffect(() => {
    document.title = text ? `${text} – ${t("app.name")}` : t("app.name");
  }, [text, t]);
  useEffect(() => {
    if (hasNavigatedInApp()) ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t("common.loading")}
    </p>
  );
}

/** A message for an error of a request, in the reader's language. */
export function useErrorText() {
  const { t, tMessage } = useI18n();
  return (error: unknown): string => {
    if (error instanceof NetworkError) return t("common.networkError");
    // The owner API's 403 is in English; its text in the reader's language loads with the owner pages.
    if (error instanceof ApiError && error.status === 403 && isMessageKey("common.forbidden")) return tMessage("common.forbidden");
    if (error instanceof ApiError && error.status < 500 && error.body?.error.message) return error.body.error.message;
    return t("common.unexpectedError");
  };
}

export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const text = useErrorText()(error);
  return (
    <div className="notice notice-error" role="alert">
      <p>{text}</p>
      {onRetry && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t("common.retry")}
        </button>
      )}
    </div>
  );
}
