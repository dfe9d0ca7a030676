// On a participant link (/f/<token>), starts the form's API request while the site's JavaScript
// is still downloading; lib/api.ts takes the answer instead of asking again. A file of its own
// (not inline) because the site's Content-Security-Policy allows only script-src 'self'.
(function () {
  var m = /^\/f\/([^/]+)\/?$/.exec(location.pathname);
  if (!m || !window.fetch) return;
  var url = "/api/forms/" + m[1];
  var response = fetch(url, { headers: { Accept: "application/json" } });
  response.catch(function () {});
  window.__kbPrefetch = { url: url, response: response };
})();
