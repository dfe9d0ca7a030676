import { PageTitle } from "../../../lib/ui";
import { useAccess, useProjectTexts } from "../access";

/** A signed-in user who is in no project and administers nothing: what is missing and whom to ask. */
export function NoProjectPage() {
  const pt = useProjectTexts();
  const { me } = useAccess();
  return (
    <div className="page narrow">
      <PageTitle>{pt("proj.noneTitle")}</PageTitle>
      <p className="lead">{pt("proj.noneText", { email: me.email })}</p>
    </div>
  );
}

/** A page the caller's roles do not cover, opened by its address (the menu does not offer it). */
export function NotAllowedPage() {
  const pt = useProjectTexts();
  return (
    <div className="page narrow">
      <PageTitle>{pt("proj.notAllowedTitle")}</PageTitle>
      <p className="lead">{pt("proj.notAllowedText")}</p>
    </div>
  );
}
