/**
 * Credentials taken out of text that is kept: audit rows (a URL's query, a program's text) and the
 * server's log. Clients send us credentials in places they should not (a token in a query string,
 * a key pasted into a program's comment); whatever they send, only its harmless part is kept. Pure.
 *
 * Recognised by shape: our API keys (`lstk_`; the 13-character display prefix is kept, so staff can
 * tell which key leaked), our OAuth access and refresh tokens, authorization codes and client
 * secrets (`lgat_`, `lgrt_`, `lgac_`, `lgcs_`), Shopify's access tokens and secrets (`shpat_`,
 * `shpca_`, `shppa_`, `shpua_`, `shpss_`), and whatever follows `Bearer` or `Basic`. Recognised by
 * name: the value of any URL query parameter whose name says it holds a secret.
 */

const REDACTED = "[redacted]";

const API_KEY = /\blstk_([A-Za-z0-9]{0,8})[A-Za-z0-9]*/g;
const MARKED_SECRET = /\b(lgat_|lgrt_|lgac_|lgcs_|shpat_|shpca_|shppa_|shpua_|shpss_)[A-Za-z0-9_-]+/g;
const AUTHORIZATION_VALUE = /\b(Bearer|Basic)(\s+)[A-Za-z0-9._~+/=-]+/gi;
const SECRET_PARAMETER =
  /([?&;])(access_token|refresh_token|id_token|token|code|code_verifier|client_secret|password|passwd|secret|api_key|apikey|key|authorization|auth)=([^&;\s#"']*)/gi;

export function redactCredentials(text: string): string {
  if (!text) return text;
  return text
    .replace(API_KEY, (_whole, prefix: string) => `lstk_${prefix}…${REDACTED}`)
    .replace(MARKED_SECRET, (_whole, marker: string) => `${marker}${REDACTED}`)
    .replace(AUTHORIZATION_VALUE, (_whole, scheme: string, space: string) => `${scheme}${space}${REDACTED}`)
    .replace(SECRET_PARAMETER, (whole, lead: string, name: string, value: string) => (value === "" ? whole : `${lead}${name}=${REDACTED}`));
}
