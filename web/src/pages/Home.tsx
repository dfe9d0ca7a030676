import "./texts";
import { useI18n } from "../i18n";
import { Link } from "../lib/router";
import { PageTitle } from "../lib/ui";

export function HomePage() {
  const { t } = useI18n();
  return (
    <div className="page narrow">
      <PageTitle>{t("home.title")}</PageTitle>
      <p className="lead">{t("home.intro")}</p>
      <section className="card" aria-labelledby="home-participant">
        <h2 id="home-participant">{t("home.participantTitle")}</h2>
        <p>{t("home.participantText")}</p>
      </section>
      <section className="card" aria-labelledby="home-owner">
        <h2 id="home-owner">{t("home.ownerTitle")}</h2>
        <p>{t("home.ownerText")}</p>
        <p>
          <Link href="/owner" className="button">
            {t("home.ownerLink")}
          </Link>
        </p>
      </section>
      {import.meta.env.DEV || isLocalHost() ? (
        <section className="card card-quiet" aria-labelledby="home-local">
          <h2 id="home-local">{t("home.localTitle")}</h2>
          <ul>
            <li>
              <Link href="/outbox">{t("home.outboxLink")}</Link>
            </li>
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function isLocalHost(): boolean {
  const h = window.location.hostname;
  return h === "localhost" || h === "127.0.0.1" || h === "[::1]" || h.endsWith(".localhost");
}
