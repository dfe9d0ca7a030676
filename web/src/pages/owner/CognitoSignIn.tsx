import { useEffect, useState, type ReactNode } from "react";
import { useI18n } from "../../i18n";
import { navigate } from "../../lib/router";
import { ErrorMessage, Loading, PageTitle } from "../../lib/ui";
import { completeSignIn, loadCognitoConfig, SignInError, startSignIn, type CognitoConfig } from "./cognito";
import { setSession, signOutReason } from "./session";

type ConfigState = { status: "loading" } | { status: "ready"; config: CognitoConfig | null } | { status: "error"; error: unknown };

function useCognitoConfig(): [ConfigState, () => void] {
  const [state, setState] = useState<ConfigState>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let alive = true;
    loadCognitoConfig().then(
      (config) => alive && setState({ status: "ready", config }),
      (error: unknown) => alive && setState({ status: "error", error }),
    );
    return () => {
      alive = false;
    };
  }, [attempt]);
  return [state, () => (setState({ status: "loading" }), setAttempt((n) => n + 1))];
}

/**
 * The owner's sign-in: with Cognito settings in /config.json (AWS) a button to the hosted UI,
 * otherwise (local stack, no config.json) the local sign-in form given as `local`.
 */
export function OwnerSignIn({ local }: { local: ReactNode }) {
  const { t } = useI18n();
  const [state, retry] = useCognitoConfig();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (state.status === "loading") return <Loading />;
  if (state.status === "error")
    return (
      <div className="page narrow">
        <PageTitle>{t("signIn.title")}</PageTitle>
        <ErrorMessage error={state.error} onRetry={retry} />
      </div>
    );
  const config = state.config;
  if (!config) return <>{local}</>;

  async function signIn(cfg: CognitoConfig) {
    setBusy(true);
    setError(null);
    try {
      await startSignIn(cfg, window.location.pathname + window.location.search);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <div className="page narrow">
      <SignInIntro />
      <div className="card">
        <p>{t("signIn.hostedNote")}</p>
        {error ? <ErrorMessage error={error} /> : null}
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void signIn(config)}>
          {t("signIn.submit")}
        </button>
      </div>
    </div>
  );
}

/** /owner/callback: where the hosted UI sends the owner back with the authorization code. */
export function OwnerCallback() {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let alive = true;
    loadCognitoConfig()
      .then((config) => {
        if (!config) throw new SignInError("config");
        return completeSignIn(config, window.location.search);
      })
      .then(({ session, returnTo }) => {
        if (!alive) return;
        setSession(session);
        navigate(returnTo, { replace: true });
      })
      .catch((e: unknown) => alive && setError(e));
    return () => {
      alive = false;
    };
  }, []);

  if (!error) {
    return (
      <div className="page narrow">
        <PageTitle>{t("signIn.title")}</PageTitle>
        <p className="loading" role="status">
          {t("signIn.completing")}
        </p>
      </div>
    );
  }
  return (
    <div className="page narrow">
      <PageTitle>{t("signIn.title")}</PageTitle>
      {error instanceof SignInError ? (
        <div className="notice notice-error" role="alert">
          <p>
            {error.kind === "provider"
              ? t("signIn.error.provider", { detail: error.detail ?? "" })
              : error.kind === "state"
                ? t("signIn.error.state")
                : error.kind === "config"
                  ? t("signIn.error.config")
                  : t("signIn.error.exchange")}
          </p>
        </div>
      ) : (
        <ErrorMessage error={error} />
      )}
      <p>
        <button
          type="button"
          className="button button-primary"
          onClick={() => navigate("/owner", { replace: true })}
        >
          {t("signIn.tryAgain")}
        </button>
      </p>
    </div>
  );
}

/** The sign-in page's heading and introduction (hosted and local sign-in alike), with a note when the session ran out. */
export function SignInIntro() {
  const { t } = useI18n();
  return (
    <>
      <PageTitle>{t("signIn.title")}</PageTitle>
      {signOutReason === "expired" ? <p className="notice notice-info">{t("owner.sessionExpired")}</p> : null}
      <p>{t("signIn.intro")}</p>
    </>
  );
}
