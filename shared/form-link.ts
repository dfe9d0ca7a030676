/**
 * How a participant's token travels, kept out of every request line a server or CDN logs:
 * - the link in a mail carries it in the URL fragment (`/f#<token>`), which browsers never send;
 * - the site sends it to the form API (`/api/form`, `/api/form/draft`, `/api/form/submit`) in a
 *   request header, which CloudFront's and API Gateway's access logs do not record.
 * Links from mails sent before this change (`/f/<token>`) still open the form: the site moves the
 * token into the fragment before it calls the API.
 */
export const FORM_TOKEN_HEADER = "x-form-token";

/** The path (with fragment) of a participant link, relative to the site. */
export const formLinkPath = (token: string) => `/f#${token}`;

/** Every form API path starts with this (the rate limits and the WAF rules match on it). */
export const FORM_API_PATH = "/api/form";
