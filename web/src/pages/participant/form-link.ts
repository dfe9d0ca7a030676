// Where the participant's token is read from: the fragment of the link (/f#<token>), which the
// browser never sends, so no server or CDN log holds it (shared/form-link.ts). The site's own
// in-page links (skip link, error summary, review) prevent their default, so the fragment stays
// the token and a reload opens the same form.
import { formLinkPath } from "../../../../shared/form-link";
import { matchPath } from "../../lib/router";

/**
 * The token of the form page at the current location, or null when the location is no form page.
 * A link of the old form (/f/<token>, in mails sent before the token moved) is rewritten in place
 * to /f#<token>. A fragment that is no token gets the API's 404, as an unknown link does.
 */
export function formTokenAtLocation(pathname: string, hash: string): string | null {
  const old = matchPath("/f/:token", pathname);
  if (old) {
    window.history.replaceState(window.history.state, "", formLinkPath(old.token));
    return old.token;
  }
  if (!matchPath("/f", pathname)) return null;
  return hash.slice(1);
}
