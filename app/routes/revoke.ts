import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleRevoke } from "~/access/index.server";

export const loader = ({ request }: LoaderFunctionArgs) => handleRevoke(request);
export const action = ({ request }: ActionFunctionArgs) => handleRevoke(request);
