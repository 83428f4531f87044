import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleToken } from "~/access/index.server";

export const loader = ({ request, context }: LoaderFunctionArgs) => handleToken(request, context.clientAddress);
export const action = ({ request, context }: ActionFunctionArgs) => handleToken(request, context.clientAddress);
