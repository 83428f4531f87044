import { notFoundJson } from "~/access/index.server";

// Clients probing for documents we do not publish must get JSON, never an HTML page.
export const loader = () => notFoundJson();
