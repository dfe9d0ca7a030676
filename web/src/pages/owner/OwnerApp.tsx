import "./texts";
import { lazy, Suspense, useEffect, useState, type FormEvent, type ReactNode } from "react";
import type { Me } from "../../../../shared/schemas/project";
import { useI18n } from "../../i18n";
import { api } from "../../lib/api";
import { Link, matchPath, navigate } from "../../lib/router";
import { ErrorMessage, Loading } from "../../lib/ui";
import { NotFoundPage } from "../NotFound";
import { ownerApi, setSession, useSession } from "./session";
import { OwnerCallback, OwnerSignIn, SignInIntro } from "./CognitoSignIn";
import { signOut } from "./cognito";
import { OrganisationsPage } from "./organisations/Organisations";
import { OrganisationPage } from "./organisations/Organisation";
import { NewRoundPage } from "./rounds/NewRound";
import { RoundsPage } from "./rounds/Rounds";
import { RoundPage } from "./rounds/Round";
import { ResultsPage } from "./rounds/Results";
import { AuditLogPage } from "./audit/AuditLog";
import { InstrumentVersionsPage } from "./instruments/InstrumentVersions";
import { ProjectsPage } from "./projects/Projects";
import { ProjectPage } from "./projects/Project";
import { NoProjectPage, NotAllowedPage } from "./projects/NoProject";
import { AccessProvider, useAccess, useProjectTexts } from "./access";
import { useLoad } from "../../lib/use-load";
import { Field } from "../../components/Field";

// The learning programmes' pages are a chunk of their own, loaded when one is opened.
const ProgrammesApp = lazy(() => import("./programmes"));
// The education-supply, gap and shortage pages likewise.
const SupplyApp = lazy(() => import("./supply"));
const isSupplyPath = (path: string) => path === "/owner/supply" || path.startsWith("/owner/supply/") || /^\/owner\/rounds\/[^/]+\/(gap|shortage)$/.test(path);
const TrendsPage = lazy(() => import("./trends/Trends"));

/** Everything under /owner: loaded as its own chunk, only when an owner page is opened. */
export default function OwnerApp({ path }: { path: string }) {
  const session = useSession();

  useEffect(() => {
    if (session && matchPath("/owner/sign-in", path)) navigate("/owner", { replace: true });
  }, [session, path]);

  // AWS: the Cognito hosted UI returns here with the code (cognito.ts); locally there is no config.json and the form below is used.
  if (matchPath("/owner/callback", path)) return <OwnerCallback />;
  if (!session) return <OwnerSignIn local={<SignIn />} />;
  return <SignedIn key={session.token} path={path} email={session.email} />;
}

/** Who the caller is (GET /api/me), loaded once per sign-in; every page below reads it from AccessProvider. */
function SignedIn({ path, email }: { path: string; email: string }) {
  const { data: me, error, reload } = useLoad((signal) => ownerApi<Me>("/api/me", { signal }), []);
  if (!me)
    return (
      <div className="owner">
        <div className="page">{error ? <ErrorMessage error={error} onRetry={() => void reload()} /> : <Loading />}</div>
        {error ? <UserBox email={email} /> : null}
      </div>
    );
  return (
    <AccessProvider me={me}>
      <OwnerPages path={path} />
    </AccessProvider>
  );
}

function OwnerPages({ path }: { path: string }) {
  const { t, tMessage } = useI18n();
  const pt = useProjectTexts();
  const access = useAccess();
  const { me } = access;
  const member = me.projects.length > 0;
  // What the caller's roles allow; a page they may not use is not offered, and says so when opened by its address.
  const allowed = { projects: me.regionAdmin, audit: me.regionAdmin, registry: access.registry, rounds: member, create: access.can("manage"), programmes: member };
  const home = member ? <RoundsPage /> : me.regionAdmin ? <ProjectsPage /> : <NoProjectPage />;
  const only = (ok: boolean, page: ReactNode) => (ok ? page : member || me.regionAdmin ? <NotAllowedPage /> : <NoProjectPage />);

  let page;
  let m: Record<string, string> | null;
  if (path === "/owner" || path === "/owner/" || matchPath("/owner/sign-in", path)) page = home;
  else if (isSupplyPath(path))
    page = only(
      path.startsWith("/owner/rounds/") ? allowed.rounds : matchPath("/owner/supply", path) ? member || me.regionAdmin : allowed.registry,
      <Suspense fallback={<Loading />}>
        <SupplyApp path={path} />
      </Suspense>,
    );
  else if (matchPath("/owner/rounds", path)) page = only(allowed.rounds, <RoundsPage />);
  else if (matchPath("/owner/rounds/new", path)) page = only(allowed.create, <NewRoundPage />);
  else if ((m = matchPath("/owner/rounds/:id/results", path))) page = only(allowed.rounds, <ResultsPage key={m.id} id={m.id} />);
  else if ((m = matchPath("/owner/rounds/:id", path))) page = only(allowed.rounds, <RoundPage key={m.id} id={m.id} />);
  else if (matchPath("/owner/trends", path))
    page = only(
      allowed.rounds,
      <Suspense fallback={<Loading />}>
        <TrendsPage />
      </Suspense>,
    );
  else if (matchPath("/owner/organisations", path)) page = only(allowed.registry, <OrganisationsPage />);
  else if (matchPath("/owner/audit-log", path)) page = only(allowed.audit, <AuditLogPage />);
  else if (matchPath("/owner/instruments", path)) page = only(allowed.registry, <InstrumentVersionsPage />);
  else if ((m = matchPath("/owner/organisations/:id", path))) page = only(allowed.registry, <OrganisationPage key={m.id} id={m.id} />);
  else if (matchPath("/owner/projects", path)) page = only(allowed.projects, <ProjectsPage />);
  else if ((m = matchPath("/owner/projects/:id", path))) page = only(allowed.projects, <ProjectPage key={m.id} id={m.id} />);
  else if (path === "/owner/programmes" || path.startsWith("/owner/programmes/"))
    page = only(
      matchPath("/owner/programmes/new", path) ? allowed.create : allowed.programmes,
      <Suspense fallback={<Loading />}>
        <ProgrammesApp path={path} />
      </Suspense>,
    );
  else page = <NotFoundPage />;

  const homeHref = member ? "/owner/rounds" : "/owner/projects";
  const current = (href: string) =>
    path === href ||
    (href === homeHref && (path === "/owner" || path === "/owner/")) ||
    (href === "/owner/rounds" && path.startsWith("/owner/rounds/") && !path.endsWith("/new")) ||
    (href !== "/owner/rounds" && path.startsWith(`${href}/`))
      ? "page"
      : undefined;
  const links: { href: string; label: string; show: boolean }[] = [
    { href: "/owner/rounds", label: t("owner.navRounds"), show: allowed.rounds },
    { href: "/owner/rounds/new", label: t("owner.navNewRound"), show: allowed.create },
    { href: "/owner/programmes", label: t("owner.navProgrammes"), show: allowed.programmes },
    { href: "/owner/trends", label: t("owner.navTrends"), show: allowed.rounds },
    { href: "/owner/organisations", label: t("owner.navOrganisations"), show: allowed.registry },
    { href: "/owner/instruments", label: t("owner.navInstruments"), show: allowed.registry },
    { href: "/owner/supply", label: tMessage("sup.nav"), show: member || me.regionAdmin },
    { href: "/owner/projects", label: pt("proj.navProjects"), show: allowed.projects },
    { href: "/owner/audit-log", label: tMessage("audit.nav"), show: allowed.audit },
  ];

  return (
    <div className="owner">
      <nav className="owner-nav" aria-label={t("owner.nav")}>
        <ul>
          {links
            .filter((l) => l.show)
            .map((l) => (
              <li key={l.href}>
                <Link href={l.href} aria-current={current(l.href)}>
                  {l.label}
                </Link>
              </li>
            ))}
        </ul>
        <div className="owner-user">
          <ProjectChoice />
          <UserBox email={me.email} />
        </div>
      </nav>
      {page}
    </div>
  );
}

/** The project the lists and new rounds and programmes belong to: a choice when the caller has more than one. */
function ProjectChoice() {
  const pt = useProjectTexts();
  const { me, project, setProject } = useAccess();
  if (!project) return null;
  if (me.projects.length === 1)
    return (
      <span className="owner-project">
        {pt("proj.current")}: {project.name} ({pt(`role.${project.role}`)})
      </span>
    );
  return (
    <div className="owner-project field-inline">
      <label htmlFor="owner-project">{pt("proj.current")}</label>
      <select id="owner-project" className="input input-select" value={project.id} onChange={(e) => setProject(e.target.value)}>
        {me.projects.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name} ({pt(`role.${p.role}`)})
          </option>
        ))}
      </select>
    </div>
  );
}

function UserBox({ email }: { email: string }) {
  const { t } = useI18n();
  return (
    <>
      <span>{t("owner.signedInAs", { email })}</span>
      <button type="button" className="button button-secondary button-small" onClick={() => void signOut()}>
        {t("owner.signOut")}
      </button>
    </>
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
