import type { FeedbackView } from "../../../../shared/schemas/feedback";
import { FORM_API_PATH } from "../../../../shared/form-link";
import { api, ApiError } from "../../lib/api";
import { formatDateTime } from "../../lib/format";
import { ErrorMessage } from "../../lib/ui";
import { useLoad } from "../../lib/use-load";
import { useFeedbackTexts } from "./texts";
import { Comparisons } from "./Comparisons";
import { CompetencePlan } from "./CompetencePlan";
import "./feedback.css";

/**
 * A company's feedback and competence plan on the thank-you page and the same link later
 * (GET /api/form/feedback). A lazy chunk of its own: the participant form never loads it.
 */
export default function Feedback({ token }: { token: string }) {
  const { t, locale } = useFeedbackTexts();
  const { data, error, reload } = useLoad((signal) => api<FeedbackView>(`${FORM_API_PATH}/feedback`, { formToken: token, signal }), [token]);
  if (error instanceof ApiError && (error.status === 409 || error.status === 410)) {
    return (
      <section className="feedback" aria-labelledby="feedback-title">
        <h2 id="feedback-title">{t("fb.title")}</h2>
        <p>{t(error.status === 409 ? "fb.notSubmitted" : "fb.notKept")}</p>
      </section>
    );
  }
  return (
    <section className="feedback" aria-labelledby="feedback-title" aria-busy={!data && !error}>
      <h2 id="feedback-title">{t("fb.title")}</h2>
      {error ? <ErrorMessage error={error} onRetry={() => void reload()} /> : null}
      {!data && !error ? <p role="status">{t("fb.loading")}</p> : null}
      {data ? (
        <>
          <div className="feedback-results">
            {data.release ? (
              <>
                <p>{t("fb.intro")}</p>
                <p className="feedback-meta">
                  {t("fb.release", { number: data.release.number, kind: t(`fb.kind.${data.release.kind}`), cutoff: formatDateTime(data.release.cutoff, locale) })} {t("fb.protected")}
                </p>
                {data.release.counted ? null : <p className="notice">{t("fb.notCounted")}</p>}
                <Comparisons view={data} />
              </>
            ) : (
              <div className="notice" role="status">
                <h3>{t("fb.noRelease.title")}</h3>
                <p>{t("fb.noRelease.text", { closes: formatDateTime(data.round.closesAt, locale) })}</p>
              </div>
            )}
            <p className="feedback-meta">{t("fb.availableUntil", { date: formatDateTime(data.availableUntil, locale) })}</p>
          </div>
          <CompetencePlan view={data} />
        </>
      ) : null}
    </section>
  );
}
