import "./texts";
import { lazy, Suspense, useEffect, useState, type FormEvent } from "react";
import { useI18n } from "../../i18n";
import { api } from "../../lib/api";
import { Link, matchPath, navigate } from "../../lib/router";
import { ErrorMessage, Loading } from "../../lib/ui";
import { NotFoundPage } from "../NotFound";
import { setSession, useSession } from "./session";
import { OwnerCallback, OwnerSignIn, SignInIntro } from "./CognitoSignIn";
import { signOut } from "./cognito";
import { OrganisationsPage } from "./organisations/Organisations";
import { OrganisationPage } from "./organisations/Organisation";
import { NewRoundPage } from "./rounds/NewRound";
import { RoundsPage } from "./rounds/Rounds";
import { RoundPage } from "./rounds/Round";
import { ResultsPage } from "./rounds/Results";
import { AuditLogPage } from "./audit/AuditLog";
import { Field } from "../../components/Field";

// The learning programmes' pages are a chunk of their own, loaded when one is opened.
const ProgrammesApp = lazy(() => import("./programmes"));

/** Everything under /owner: loaded as its own chunk, only when an owner page is opened. */
export default function OwnerApp({ path }: { path: string }) {
  const session = useSession();
  const { t, tMessage } = useI18n();

  useEffect(() => {
    if (session && matchPath("/owner/sign-in", path)) navigate("/owner", { replace: true });
  }, [session, path]);

  // AWS: the Cognito hosted UI returns here with the code (cognito.ts); locally there is no config.json and the form below is used.
  if (matchPath("/owner/callback", path)) return <OwnerCallback />;
  if (!session) return <OwnerSignIn local={<SignIn />} />;

  let page;
  let m: Record<string, string> | null;
  if (path === "/owner" || path === "/owner/" || matchPath("/owner/rounds", path) || matchPath("/owner/sign-in", path)) page = <RoundsPage />;
  else if (matchPath("/owner/rounds/new", path)) page = <NewRoundPage />;
  else if ((m = matchPath("/owner/rounds/:id/results", path))) page = <ResultsPage key={m.id} id={m.id} />;
  else if ((m = matchPath("/owner/rounds/:id", path))) page = <RoundPage key={m.id} id={m.id} />;
  else if (matchPath("/owner/organisations", path)) page = <OrganisationsPage />;
  else if (matchPath("/owner/audit-log", path)) page = <AuditLogPage />;
  else if ((m = matchPath("/owner/organisations/:id", path))) page = <OrganisationPage key={m.id} id={m.id} />;
  else if (path === "/owner/programmes" || path.startsWith("/owner/programmes/"))
    page = (
      <Suspense fallback={<Loading />}>
        <ProgrammesApp path={path} />
      </Suspense>
    );
  else page = <NotFoundPage />;

  const current = (href: string) =>
    path === href ||
    (href === "/owner/rounds" && (path === "/owner" || (path.startsWith("/owner/rounds/") && !path.endsWith("/new")))) ||
    (href === "/owner/organisations" && path.startsWith("/owner/organisations/")) ||
    (href === "/owner/programmes" && path.startsWith("/owner/programmes/"))
      ? "page"
      : undefined;

  return (
    <div className="owner">
      <nav className="owner-nav" aria-label={t("owner.nav")}>
        <ul>
          <li>
            <Link href="/owner/rounds" aria-current={current("/owner/rounds")}>
              {t("owner.navRounds")}
            </Link>
          </li>
          <li>
            <Link href="/owner/rounds/new" aria-current={current("/owner/rounds/new")}>
              {t("owner.navNewRound")}
            </Link>
          </li>
          <li>
            <Link href="/owner/organisations" aria-current={current("/owner/organisations")}>
              {t("owner.navOrganisations")}
            </Link>
          </li>
          <li>
            <Link href="/owner/programmes" aria-current={current("/owner/programmes")}>
              {t("owner.navProgrammes")}
            </Link>
          </li>
          <li>
            <Link href="/owner/audit-log" aria-current={current("/owner/audit-log")}>
              {tMessage("audit.nav")}
            </Link>
          </li>
        </ul>
        <div className="owner-user">
          <span>{t("owner.signedInAs", { email: session.email })}</span>
          <button type="button" className="button button-secondary button-small" onClick={() => void signOut()}>
            {t("owner.signOut")}
          </button>
        </div>
      </nav>
      {page}
    </div>
  );
}

function SignIn() {
  const { t } = useI18n();
  const [email, setEmail] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) {
      setFieldError(t("error.email"));
      document.getElementById("sign-in-email")?.focus();
      return;
    }
    setFieldError(null);
    setBusy(true);
    try {
      // Local sign-in; on AWS the same page will hand over to Cognito.
      const { token } = await api<{ token: string }>("/api/dev/sign-in", { method: "POST", body: { email: email.trim() } });
      setSession({ token, email: email.trim() });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page narrow">
      <SignInIntro />
      <form noValidate onSubmit={submit} className="card">
        <Field id="sign-in-email" label={t("signIn.email")} hint={t("signIn.localNote")} error={fieldError ?? undefined}>
          <input
            id="sign-in-email"
            type="email"
            className="input"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? "sign-in-email-hint sign-in-email-error" : "sign-in-email-hint"}
          />
        </Field>
        {error ? <ErrorMessage error={error} /> : null}
        <button type="submit" className="button button-primary" disabled={busy}>
          {t("signIn.submit")}
        </button>
      </form>
    </div>
  );
}
