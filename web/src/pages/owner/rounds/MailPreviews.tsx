import type { RoundPreview } from "../../../../../shared/schemas";
import { useI18n } from "../../../i18n";

/** The invitation mail as it would go out, in both languages, from POST /api/rounds/preview. */
export function MailPreviews({ preview }: { preview: RoundPreview | null }) {
  const { t, locale } = useI18n();
  return (
    <>
      <h3>{t("newRound.previewTitle")}</h3>
      <p className="hint">{t("newRound.previewHint")}</p>
      <div className="mail-previews">
        {(["sv", "en"] as const).map((lang) => (
          <article className="mail mail-preview" key={lang} aria-labelledby={`mail-preview-${lang}`}>
            <h4 id={`mail-preview-${lang}`}>{t(lang === "sv" ? "newRound.previewSv" : "newRound.previewEn")}</h4>
            {preview ? (
              <div lang={lang}>
                <p className="mail-subject">
                  <span className="visually-hidden" lang={locale.slice(0, 2)}>
                    {t("outbox.subject")}:{" "}
                  </span>
                  {preview.mail[lang].subject}
                </p>
                <div className="mail-text">{preview.mail[lang].text}</div>
              </div>
            ) : (
              <p className="hint">{t("common.loading")}</p>
            )}
          </article>
        ))}
      </div>
    </>
  );
}
