import { Component, lazy, Suspense, type MouseEvent, type ReactNode } from "react";
import { I18nProvider, LanguageSwitch, useI18n } from "./i18n";
import { Link, matchPath, useHash, usePathname } from "./lib/router";
import { Loading } from "./lib/ui";
import { FormPage } from "./pages/participant/FormPage";
import { formTokenAtLocation } from "./pages/participant/form-link";

// Owner, dev, start and "not found" pages are separate chunks: the participant route never loads them.
const HomePage = lazy(() => import("./pages/Home").then((m) => ({ default: m.HomePage })));
const NotFoundPage = lazy(() => import("./pages/NotFound").then((m) => ({ default: m.NotFoundPage })));
const OwnerApp = lazy(() => import("./pages/owner/OwnerApp"));
const OutboxPage = lazy(() => import("./pages/Outbox"));
const AccessibilityPage = lazy(() => import("./pages/Info").then((m) => ({ default: m.AccessibilityPage })));
const ConsortiumPage = lazy(() => import("./pages/consortium/ConsortiumPage"));
const AboutPage = lazy(() => import("./pages/Info").then((m) => ({ default: m.AboutPage })));

function Routes() {
  const path = usePathname();
  const hash = useHash();
  if (path === "/" || path === "") return <HomePage />;
  const formToken = formTokenAtLocation(path, hash);
  if (formToken !== null) return <FormPage key={formToken} token={formToken} />;
  if (path === "/owner" || path.startsWith("/owner/")) return <OwnerApp path={path} />;
  if (matchPath("/outbox", path)) return <OutboxPage />;
  if (matchPath("/konsortium", path) || matchPath("/consortium", path)) return <ConsortiumPage />;
  if (matchPath("/tillganglighet", path) || matchPath("/accessibility", path)) return <AccessibilityPage />;
  if (matchPath("/om-tjansten", path) || matchPath("/about", path)) return <AboutPage />;
  return <NotFoundPage />;
}

function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  document.getElementById("main")?.focus();
}

function Shell() {
  const { t } = useI18n();
  return (
    <>
      {/* Focuses the content without putting #main in the URL, whose fragment may hold a form's token. */}
      <a className="skip-link" href="#main" onClick={skipToMain}>
        {t("app.skipToContent")}
      </a>
      <header className="site-header">
        <div className="container header-inner">
          <Link href="/" className="brand">
            <span className="brand-name">{t("app.name")}</span>
            <span className="brand-tagline">{t("app.tagline")}</span>
          </Link>
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="container" tabIndex={-1}>
        <ErrorBoundary>
          <Suspense fallback={<Loading />}>
            <Routes />
          </Suspense>
        </ErrorBoundary>
      </main>
      <footer className="site-footer">
        <div className="container footer-inner">
          <p>{t("app.footer")}</p>
          <nav aria-label={t("footer.nav")}>
            <ul className="footer-links">
              <li>
                <Link href="/om-tjansten">{t("footer.about")}</Link>
              </li>
              <li>
                <Link href="/tillganglighet">{t("footer.accessibility")}</Link>
              </li>
            </ul>
          </nav>
        </div>
      </footer>
    </>
  );
}

/** Keeps a failed chunk load or a render error from blanking the page. */
class ErrorBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    if (this.state.failed) return <CrashMessage />;
    return this.props.children;
  }
}

function CrashMessage() {
  const { t } = useI18n();
  return (
    <div className="notice notice-error" role="alert">
      <h1>{t("common.errorTitle")}</h1>
      <p>{t("common.unexpectedError")}</p>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t("common.retry")}
      </button>
    </div>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Shell />
    </I18nProvider>
  );
}
