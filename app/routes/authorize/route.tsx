import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { beginAuthorization, decideAuthorization, submitConnectionCode } from "~/access/index.server";
import { appEnv } from "~/env.server";
import { ApprovalPage } from "./ApprovalPage";
import { csrfCookie, csrfFromCookie } from "./csrf-cookie.server";

export const meta: MetaFunction = () => [{ title: "Connect to Logistified" }];

// The approval page lives outside the embedded admin: possession of the connection code, which
// only staff can generate, is the proof of authority. It never approves by itself.
export const loader = ({ request }: LoaderFunctionArgs) => {
  const step = beginAuthorization(new URL(request.url).searchParams, appEnv().appUrl);
  if (step.kind === "redirect") return redirect(step.location);
  if (step.kind === "error") return json(step, { status: step.status });
  return json(step, { headers: { "Set-Cookie": csrfCookie(step.csrfToken) } });
};

export const action = async ({ request, context }: ActionFunctionArgs) => {
  const form = await request.formData();
  const cookieToken = csrfFromCookie(request);
  const intent = form.get("intent");
  if (intent === "approve" || intent === "deny") {
    const outcome = decideAuthorization(form, cookieToken, intent, appEnv().appUrl);
    return outcome.kind === "redirect" ? redirect(outcome.location) : json(outcome, { status: outcome.status });
  }
  const step = submitConnectionCode(form, cookieToken, context.clientAddress);
  return json(step, { status: step.kind === "error" ? step.status : 200 });
};

// Showing the page starts an authorization request (and sets its CSRF cookie), so the loader must
// not run again after each step's POST: that would start a second request and orphan the form.
export const shouldRevalidate = () => false;

export const headers: HeadersFunction = ({ loaderHeaders, actionHeaders }) => {
  const headers = new Headers({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" });
  const cookie = actionHeaders.get("Set-Cookie") ?? loaderHeaders.get("Set-Cookie");
  if (cookie) headers.set("Set-Cookie", cookie);
  return headers;
};

export default function Authorize() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return <ApprovalPage step={actionData ?? loaderData} />;
}
