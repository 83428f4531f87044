import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { handleRegister } from "~/access/index.server";

export const loader = ({ request, context }: LoaderFunctionArgs) => handleRegister(request, context.clientAddress);
export const action = ({ request, context }: ActionFunctionArgs) => handleRegister(request, context.clientAddress);
