import "./texts";
import { useI18n, type MessageKey } from "../i18n";
import { Link } from "../lib/router";
import { ErrorMessage, PageTitle } from "../lib/ui";
import { api } from "../lib/api";
import { useLoad } from "../lib/use-load";

/** When the accessibility statement was last reviewed (shown as a date in the reader's language). */
const A11Y_REVIEWED = "2026-11-22";

function Section({ title, paras, list }: { title: MessageKey; paras?: MessageKey[]; list?: MessageKey[] }) {
  const { t } = useI18n();
  const id = `section-${title.replace(/\W/g, "-")}`;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t(title)}</h2>
      {paras?.map((p) => <p key={p}>{t(p)}</p>)}
      {list ? (
        <ul className="prose-list">
          {list.map((p) => (
            <li key={p}>{t(p)}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** The accessibility statement (tillgänglighetsredogörelse) at /tillganglighet. */
export function AccessibilityPage() {
  const { t, locale } = useI18n();
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "Europe/Stockholm" }).format(new Date(`${A11Y_REVIEWED}T12:00:00Z`));
  return (
    <article className="page narrow prose">
      <PageTitle>{t("a11y.title")}</PageTitle>
      <p className="lead">{t("a11y.intro")}</p>
      <Section title="a11y.statusTitle" paras={["a11y.status"]} />
      <Section title="a11y.knownTitle" list={["a11y.known1", "a11y.known2"]} />
      <Section title="a11y.alternativeTitle" paras={["a11y.alternative"]} />
      <Section title="a11y.reportTitle" paras={["a11y.report", "a11y.reportHow"]} />
      <section aria-labelledby="a11y-supervision">
        <h2 id="a11y-supervision">{t("a11y.supervisionTitle")}</h2>
        <p>{t("a11y.supervision")}</p>
        <p>
          <a href="https://www.digg.se/" hrefLang="sv">
            {t("a11y.diggLink")}
          </a>
        </p>
      </section>
      <Section title="a11y.testedTitle" paras={["a11y.tested"]} />
      <p className="hint">{t("a11y.updated", { date })}</p>
    </article>
  );
}

/** What the service is, what data it collects, why, how long it is kept and whom to ask: /om-tjansten. */
type RetentionView = { rawAnswersDays: number; draftsDays: number; contactDataDays: number; outboxDays: number; auditLogDays: number };

/** The periods are the region's own (GET /api/retention, from the config the stores use): the page never states others. */
function RetentionSection() {
  const { t } = useI18n();
  const { data, error, reload } = useLoad((signal) => api<RetentionView>("/api/retention", { signal }), []);
  return (
    <section aria-labelledby="section-retention" data-testid="retention">
      <h2 id="section-retention">{t("about.retentionTitle")}</h2>
      {error ? <ErrorMessage error={error} onRetry={() => void reload()} /> : null}
      {!data && !error ? <p>{t("about.retentionLoading")}</p> : null}
      {data ? (
        <ul className="prose-list">
          <li>{t("about.retention1", data)}</li>
          <li>{t("about.retention2", data)}</li>
          <li>{t("about.retention3", data)}</li>
          <li>{t("about.retention4")}</li>
        </ul>
      ) : null}
    </section>
  );
}

export function AboutPage() {
  const { t } = useI18n();
  return (
    <article className="page narrow prose">
      <PageTitle>{t("about.title")}</PageTitle>
      <p className="lead">{t("about.intro")}</p>
      <Section title="about.collectedTitle" list={["about.collected1", "about.collected2", "about.collected3", "about.collected4"]} />
      <Section title="about.purposeTitle" paras={["about.purpose"]} />
      <RetentionSection />
      <Section title="about.rightsTitle" paras={["about.rights"]} />
      <Section title="about.contactTitle" paras={["about.contact"]} />
      <p>
        <Link href="/tillganglighet">{t("about.a11yLink")}</Link>
      </p>
    </article>
  );
}
