// Where the participant's token is read from: the fragment of the link (/f#<token>), which the
// browser never sends, so no server or CDN log holds it (shared/form-link.ts).
import { formLinkPath } from "../../../../shared/form-link";
import { matchPath } from "../../lib/router";

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
let current: string | undefined;

/**
 * The token of the form page at the current location, or null when the location is no form page.
 * A link of the old form (/f/<token>, in mails sent before the token moved) is rewritten in place
 * to /f#<token>. The token is remembered: a later fragment that is no token (the skip link's
 * #main, say) does not take the form away.
 */
export function formTokenAtLocation(pathname: string): string | null {
  const old = matchPath("/f/:token", pathname);
  if (old) {
    window.history.replaceState(window.history.state, "", formLinkPath(old.token));
    return (current = old.token);
  }
  if (!matchPath("/f", pathname)) return null;
  const fragment = window.location.hash.slice(1);
  if (TOKEN.test(fragment)) current = fragment;
  // Neither a token now nor one before: the API answers the same 404 as for an unknown link.
  return current ?? fragment;
}
