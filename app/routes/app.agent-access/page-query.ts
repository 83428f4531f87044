/** The page's own query string: which page of each table, and whose activity. Bad values fall back. */
import { z } from "zod";

const PageNumber = z.coerce.number().int().min(1).max(10_000).catch(1);

export function pageQuery(params: URLSearchParams) {
  return {
    keys: PageNumber.parse(params.get("keys") ?? 1),
    apps: PageNumber.parse(params.get("apps") ?? 1),
    activity: params.get("activity") || undefined,
  };
}
