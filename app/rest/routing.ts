/**
 * REST paths to catalogue operations: `/api/v1/<area>` lists, `/api/v1/<area>/<id>` gets, and a
 * single resource (`/api/v1/shop`) gets itself without an id. Areas are kebab-case in URLs
 * (`purchase-orders`) and camelCase in the catalogue and in the envelope's collection key
 * (`purchaseOrders`). Pure.
 */
export type RestTarget =
  | { kind: "list"; area: string; operation: string }
  | { kind: "get"; area: string; operation: string; id: string }
  | { kind: "single"; area: string; operation: string };

/** Resources of which a store has exactly one: no list, no id, only `<area>.get` with no input. */
const SINGLE_RESOURCE_AREAS: ReadonlySet<string> = new Set(["shop"]);

/** `pathAfterVersion` is as the client sent it, still percent-encoded, so `%2F` stays inside an id. */
export function routeRestPath(pathAfterVersion: string): RestTarget | null {
  const segments = pathAfterVersion.split("/").filter(Boolean).map(decodedSegment);
  if (segments.includes(null)) return null;
  const [areaSegment, id, ...rest] = segments as string[];
  if (!areaSegment || rest.length > 0 || !/^[a-z]+(-[a-z]+)*$/.test(areaSegment)) return null;
  const area = areaSegment.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
  if (SINGLE_RESOURCE_AREAS.has(area)) return id === undefined ? { kind: "single", area, operation: `${area}.get` } : null;
  return id === undefined ? { kind: "list", area, operation: `${area}.list` } : { kind: "get", area, operation: `${area}.get`, id };
}

function decodedSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    if (error instanceof URIError) return null;
    throw error;
  }
}
