/**
 * Operations: the one typed catalogue of everything the outside world can read or do. MCP, REST
 * and the sandbox are thin views over it. Other rooms import from this file only.
 */
export { catalogueFor, type Catalogue } from "./catalogue.server";
export { OperationError, type OperationErrorCode } from "./errors";
export type { Operation, OperationContext, OperationKind } from "./registry";
export { SearchInput, searchOperations, type SearchResult } from "./search";
