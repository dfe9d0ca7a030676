import "./owner/texts";
import { Fragment } from "react";
import type { OutboxMessage } from "../../../shared/schemas/api";
import { useI18n, type MessageKey } from "../i18n";
import { api } from "../lib/api";
import { formatDateTime } from "../lib/format";
import { ErrorMessage, Loading, PageTitle } from "../lib/ui";
import { useLoad } from "../lib/use-load";

/** Local development: the mail the service has "sent", with the invitation links clickable. */
export default function OutboxPage() {
  const { t, locale } = useI18n();
  const { data: items, error, reload: load } = useLoad(async () => {
    const result = await api<{ items: OutboxMessage[] }>("/api/dev/outbox");
    return [...result.items].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1));
  }, []);

  return (
    <div className="page">
      <div className="page-head">
        <PageTitle>{t("outbox.title")}</PageTitle>
        <button type="button" className="button button-secondary" onClick={() => void load()}>
          {t("outbox.refresh")}
        </button>
      </div>
      <p>{t("outbox.intro")}</p>
      {error ? <ErrorMessage error={error} onRetry={() => void load()} /> : null}
      {!items && !error ? <Loading /> : null}
      {items ? <p role="status">{items.length ? t("outbox.count", { n: items.length }) : t("outbox.empty")}</p> : null}
      {items && items.length ? (
        <ol className="outbox">
          {items.map((m) => (
            <li key={m.id}>
              <article className="mail" aria-labelledby={`mail-${m.id}`}>
                <h2 id={`mail-${m.id}`}>{m.subject}</h2>
                <dl className="mail-meta">
                  <div>
                    <dt>{t("outbox.to")}</dt>
                    <dd>{m.to}</dd>
                  </div>
                  <div>
                    <dt>{t("outbox.sent")}</dt>
                    <dd>{formatDateTime(m.createdAt, locale)}</dd>
                  </div>
                  <div>
                    <dt className="visually-hidden">{t("outbox.kind")}</dt>
                    <dd>
                      <span className="badge">{t(`outbox.kind.${m.kind}` as MessageKey)}</span>
                    </dd>
                  </div>
                </dl>
                <div className="mail-text">
                  <Linkified text={m.text} />
                </div>
              </article>
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}

const URL_PATTERN = /(https?:\/\/[^\s<>"')]+[^\s<>"').,;:!?])/g;

/** Plain text with every http(s) URL turned into a link. */
export function Linkified({ text }: { text: string }) {
  const parts = text.split(URL_PATTERN);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a key={i} href={part}>
            {part}
          </a>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}
