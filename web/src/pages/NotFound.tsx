import "./texts";
import { useI18n } from "../i18n";
import { Link } from "../lib/router";
import { PageTitle } from "../lib/ui";

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <div className="page narrow">
      <PageTitle>{t("notFound.title")}</PageTitle>
      <p>{t("notFound.text")}</p>
      <p>
        <Link href="/">{t("notFound.home")}</Link>
      </p>
    </div>
  );
}
