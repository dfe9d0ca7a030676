// On a participant link (/f#<token>), starts the form's API request while the site's JavaScript
// is still downloading; lib/api.ts takes the answer instead of asking again. A file of its own
// (not inline) because the site's Content-Security-Policy allows only script-src 'self'.
// The token goes in the x-form-token header (shared/form-link.ts), never in a URL; an old link
// (/f/<token>) is first rewritten to /f#<token>, as web/src/pages/participant/form-link.ts does.
(function () {
  if (!window.fetch) return;
  var token;
  var old = /^\/f\/([^/]+)\/?$/.exec(location.pathname);
  if (old) {
    try {
      token = decodeURIComponent(old[1]);
    } catch (e) {
      return;
    }
    history.replaceState(history.state, "", "/f#" + token);
  } else if (/^\/f\/?$/.test(location.pathname)) {
    token = location.hash.slice(1);
  }
  if (!/^[A-Za-z0-9_-]{43}$/.test(token || "")) return;
  var url = "/api/form";
  var response = fetch(url, { headers: { Accept: "application/json", "x-form-token": token } });
  response.catch(function () {});
  window.__kbPrefetch = { url: url, formToken: token, response: response };
})();
