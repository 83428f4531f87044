/**
 * REST paths to catalogue operations: `/api/v1/<area>` lists, `/api/v1/<area>/<id>` gets. Areas
 * are kebab-case in URLs (`purchase-orders`) and camelCase in the catalogue and in the envelope's
 * collection key (`purchaseOrders`). Pure.
 */
export type RestTarget = { kind: "list"; area: string; operation: string } | { kind: "get"; area: string; operation: string; id: string };

export function routeRestPath(pathAfterVersion: string): RestTarget | null {
  const segments = pathAfterVersion.split("/").filter(Boolean).map(decodeURIComponent);
  const [areaSegment, id, ...rest] = segments;
  if (!areaSegment || rest.length > 0 || !/^[a-z]+(-[a-z]+)*$/.test(areaSegment)) return null;
  const area = areaSegment.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
  return id === undefined ? { kind: "list", area, operation: `${area}.list` } : { kind: "get", area, operation: `${area}.get`, id };
}
