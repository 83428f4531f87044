/**
 * The approval page's CSRF cookie: the token in the page's hidden field must also arrive as this
 * cookie, so a form posted from another site (which cannot read or set it) is refused.
 */
import { appEnv } from "~/env.server";

const NAME = "logistified_authorize";

export function csrfCookie(token: string): string {
  const secure = appEnv().appUrl.startsWith("https://") ? "; Secure" : "";
  return `${NAME}=${token}; Path=/authorize; HttpOnly; SameSite=Lax; Max-Age=600${secure}`;
}

export function csrfFromCookie(request: Request): string | null {
  for (const part of (request.headers.get("Cookie") ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === NAME) return value.join("=");
  }
  return null;
}
