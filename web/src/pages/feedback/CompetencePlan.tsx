import type { FeedbackView } from "../../../../shared/schemas/feedback";
import { formatDateTime, formatNumber } from "../../lib/format";
import { useFeedbackTexts } from "./texts";

const PRINTING = "print-plan";

/** Prints the plan alone (feedback.css): the class is taken away again once the print dialog closes. */
function printPlan() {
  const root = document.documentElement;
  root.classList.add(PRINTING);
  window.addEventListener("afterprint", () => root.classList.remove(PRINTING), { once: true });
  window.print();
}

/** The company's competence plan from its own answers: needs, recruitments, education in reach, whom to contact. */
export function CompetencePlan({ view }: { view: FeedbackView }) {
  const { t, local, locale } = useFeedbackTexts();
  const { plan } = view;
  const num = (n: number | undefined) => (n === undefined ? t("fb.noAnswer") : formatNumber(n, locale));
  return (
    <section className="competence-plan" aria-labelledby="plan-title">
      <div className="plan-head">
        <h2 id="plan-title">{t("plan.title")}</h2>
        <button type="button" className="button button-secondary no-print" onClick={printPlan}>
          {t("plan.print")}
        </button>
      </div>
      <p className="plan-meta">{t("plan.meta", { organisation: view.organisation.name, round: view.round.name, date: formatDateTime(view.submittedAt, locale) })}</p>

      <h3 id="plan-needs">{t("plan.needs")}</h3>
      {plan.needs.length === 0 ? (
        <p>{t("plan.noNeeds")}</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="plan-needs" tabIndex={0}>
          <table className="plan-table" aria-labelledby="plan-needs">
            <thead>
              <tr>
                <th scope="col">{t("plan.area")}</th>
                <th scope="col">{t("plan.horizon")}</th>
                <th scope="col">{t("plan.level")}</th>
                <th scope="col">{t("plan.method")}</th>
                <th scope="col" className="num">{t("plan.people")}</th>
              </tr>
            </thead>
            <tbody>
              {plan.needs.map((n) => (
                <tr key={`${n.areaKey}-${local(n.horizon)}`}>
                  <th scope="row">{local(n.area)}</th>
                  <td>{local(n.horizon)}</td>
                  <td>{local(n.level)}</td>
                  <td>{n.method ? local(n.method) : t("fb.noAnswer")}</td>
                  <td className="num">{num(n.people)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3 id="plan-recruitments">{t("plan.recruitments")}</h3>
      {plan.recruitments.length === 0 ? (
        <p>{t("plan.noRecruitments")}</p>
      ) : (
        <div className="table-wrap" role="region" aria-labelledby="plan-recruitments" tabIndex={0}>
          <table className="plan-table" aria-labelledby="plan-recruitments">
            <thead>
              <tr>
                <th scope="col">{t("plan.occupation")}</th>
                <th scope="col" className="num">{t("plan.hires12m")}</th>
                <th scope="col" className="num">{t("plan.hires1to3y")}</th>
                <th scope="col">{t("plan.education")}</th>
                <th scope="col">{t("plan.difficulty")}</th>
              </tr>
            </thead>
            <tbody>
              {plan.recruitments.map((r) => (
                <tr key={r.ssyk}>
                  <th scope="row">
                    {r.ssyk} {r.label}
                  </th>
                  <td className="num">{num(r.hires12m)}</td>
                  <td className="num">{num(r.hires1to3y)}</td>
                  <td>{r.educationLevel ? local(r.educationLevel) : t("fb.noAnswer")}</td>
                  <td>{r.difficulty ? local(r.difficulty) : t("fb.noAnswer")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h3>{t("plan.offerings")}</h3>
      {plan.offerings.length === 0 ? (
        <p>{t("plan.noOfferings")}</p>
      ) : (
        <ul className="plan-offerings">
          {plan.offerings.map((o) => (
            <li key={o.id}>
              <strong>{o.url ? <a href={o.url}>{o.name}</a> : o.name}</strong>, {o.provider} ({o.municipality}, {t(`plan.reach.${o.reach}`)}
              {o.start ? `, ${o.start}` : ""})
            </li>
          ))}
        </ul>
      )}

      <h3>{t("plan.contact")}</h3>
      <p>
        {t("plan.contactText", { project: plan.contact.project })} <a href={`mailto:${plan.contact.email}`}>{plan.contact.email}</a>
      </p>
    </section>
  );
}
