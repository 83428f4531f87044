/** The REST API (`/api/v1`): a read-only view of the operation catalogue for API keys. */
export { handleRestRequest } from "./handler.server";
