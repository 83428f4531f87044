/**
 * The HTTP edge between Express and the Remix app. Before the app runs, a request is checked
 * against the edge policy (methods, paths, page forms, body ceilings) and its body is read, counted
 * against its ceiling, into memory; the app then gets a web Request over those bytes. Every refusal
 * is a short JSON 4xx. An unexpected failure is a 500 that names a reference and nothing else: no
 * stack and no host path ever reaches a client (the log keeps the detail, with credentials redacted).
 */
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import { createRequestHandler as createRemixHandler, writeReadableStreamToWritable } from "@remix-run/node";
import type { ErrorRequestHandler, Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";
import { randomUUID } from "node:crypto";
import { edgeRuleFor, refuseAtEdge, tooLarge, type EdgeRefusal } from "./edge-policy";

/** Host names a request may name; null accepts any (a public app behind its own proxy). */
export type EdgeOptions = { appUrl: string; allowedHostnames: readonly string[] | null };

type BufferedRequest = ExpressRequest & { edgeBody?: Buffer };

const DISCARD_AFTER_REFUSAL_BYTES = 4 * 1024 * 1024;

/** Refuses what the policy refuses, then reads the body within its ceiling. */
export function edgeGuard({ allowedHostnames }: EdgeOptions): RequestHandler {
  return (req: BufferedRequest, res, next) => {
    const refusal = refuseAtEdge(
      { method: req.method, path: req.path, host: req.headers.host, contentType: req.headers["content-type"], contentLength: req.headers["content-length"] },
      allowedHostnames,
    );
    if (refusal) return refuse(res, refusal, { close: refusal.status === 413 });
    if (req.method === "GET" || req.method === "HEAD") return next();
    const limit = edgeRuleFor(req.path).maxBodyBytes;
    const chunks: Buffer[] = [];
    let received = 0;
    let over = false;
    req.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (over) {
        // Read on and drop a little, so the client gets to read the 413 instead of a reset; a
        // client that keeps sending past that is cut off.
        if (received > limit + DISCARD_AFTER_REFUSAL_BYTES) req.socket.destroy();
        return;
      }
      if (received > limit) {
        over = true;
        chunks.length = 0;
        refuse(res, tooLarge(limit), { close: true });
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (over) return;
      req.edgeBody = Buffer.concat(chunks);
      next();
    });
    req.on("error", () => {
      // The client went away mid-body: there is nobody left to answer.
      over = true;
    });
  };
}

/** The Remix app over the buffered body, always in production mode: errors are never serialised with their stack. */
export function remixOverEdge(build: ServerBuild, { appUrl }: EdgeOptions, loadContext: (req: ExpressRequest) => AppLoadContext): RequestHandler {
  const handle = createRemixHandler(build, "production");
  const origin = new URL(appUrl).origin;
  return async (req: BufferedRequest, res, next) => {
    try {
      const controller = new AbortController();
      res.on("close", () => {
        if (!res.writableFinished) controller.abort();
      });
      const request = webRequestOf(req, origin, controller.signal);
      if (!request) return refuse(res, { status: 400, message: "The request line or a header could not be read." });
      await send(res, await handle(request, loadContext(req)));
    } catch (error) {
      next(error);
    }
  };
}

/** Last in the chain: whatever reached here is our defect. */
export const edgeErrorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const reference = `err_${randomUUID()}`;
  console.error(`[http] ${reference} ${req.method} ${req.originalUrl} failed:`, error);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.status(500).set({ "Content-Type": "application/json", "Cache-Control": "no-store" });
  res.end(JSON.stringify({ error: { code: "internal_error", message: `Something went wrong on our side. Quote ${reference} to support.` } }));
};

/**
 * The web Request the app sees, on the app's own origin; null when Node let through what fetch
 * refuses. A page's HEAD reaches the app as GET, so every page loader answers it as it answers GET
 * (Node sends no body in answer to HEAD); API paths see HEAD itself and refuse it as the spec says.
 */
function webRequestOf(req: BufferedRequest, origin: string, signal: AbortSignal): Request | null {
  try {
    const headers = new Headers();
    for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const pageHead = req.method === "HEAD" && edgeRuleFor(req.path).kind === "page";
    return new Request(`${origin}${req.originalUrl}`, {
      method: pageHead ? "GET" : req.method,
      headers,
      signal,
      ...(hasBody ? { body: new Uint8Array(req.edgeBody ?? Buffer.alloc(0)) } : {}),
    });
  } catch (error) {
    if (error instanceof TypeError) return null;
    throw error;
  }
}

async function send(res: ExpressResponse, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers) res.append(name, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

function refuse(res: ExpressResponse, refusal: EdgeRefusal, options: { close?: boolean } = {}): void {
  if (res.headersSent) return;
  res.status(refusal.status).set({ "Content-Type": "application/json", "Cache-Control": "no-store" });
  if (refusal.allow) res.set("Allow", refusal.allow.join(", "));
  if (options.close) res.set("Connection", "close");
  res.end(JSON.stringify({ error: { code: CODES[refusal.status], message: refusal.message } }));
}

const CODES: Record<EdgeRefusal["status"], string> = {
  400: "bad_request",
  405: "method_not_allowed",
  413: "body_too_large",
  415: "unsupported_media_type",
  421: "misdirected_request",
};
