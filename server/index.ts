/**
 * The HTTP server: the Remix build behind Express, on the host and port the environment names.
 * Applies pending migrations before it listens, so a server never runs against an older schema.
 */
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { openDatabase, migrateDatabase } from "../db/client";
import { pruneExpiredRecords, RETENTION_SWEEP_INTERVAL_MS } from "../db/retention";
import { parseEnv } from "../app/env.server";
import { deliverQueuedEmails } from "../app/inventory/index.server";
import { createSmtpTransport } from "../app/mail/index.server";
import { recoverAbandonedShopifyWrites, STORE_SYNC_CHECK_INTERVAL_MS, syncDueShops } from "../app/shopify/index.server";
import { edgeErrorHandler, edgeGuard, remixOverEdge } from "./http-edge";
import { installRedactedConsole } from "./redacted-console";

// Long enough for a deploy's health checks and first requests to go first.
const STORE_SYNC_FIRST_RUN_DELAY_MS = 60_000;
const BUILD_PATH = new URL("../build/index.js", import.meta.url).href;
// The whole request, body included, must arrive within this; a client trickling bytes holds nothing longer.
const REQUEST_RECEIVE_TIMEOUT_MS = 30_000;
const HEADERS_RECEIVE_TIMEOUT_MS = 15_000;
const LOOPBACK_HOSTNAMES = ["127.0.0.1", "localhost", "[::1]"];

export async function startServer(): Promise<{ url: string; close: () => Promise<void> }> {
  installRedactedConsole();
  const env = parseEnv(process.env);
  const maintenance = openDatabase(env.databasePath);
  migrateDatabase(maintenance);
  const sweep = () => {
    try {
      pruneExpiredRecords(maintenance);
    } catch (error) {
      // A missed sweep only delays pruning; the next one catches up. Serving must go on.
      console.error("The retention sweep failed:", error instanceof Error ? error.message : error);
    }
  };
  sweep();
  // Unref'd: the sweep never keeps a stopping process alive.
  const sweeper = setInterval(sweep, RETENTION_SWEEP_INTERVAL_MS).unref();
  const mailer = env.smtp ? startEmailDelivery(maintenance, env.smtp, env.emailDeliveryIntervalMs) : null;
  // The demo store has no Shopify side to mirror.
  const storeSync = env.mode === "shopify" ? startStoreSyncs() : null;

  const build = (await import(BUILD_PATH)) as ServerBuild;
  // The demo store answers on loopback names only, so no other site can reach it by rebinding DNS.
  const edge = { appUrl: env.appUrl, allowedHostnames: env.mode === "demo" ? LOOPBACK_HOSTNAMES : null };
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.trustedProxyHops);
  app.use(edgeGuard(edge));
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  app.use(express.static("public", { maxAge: "1h" }));
  app.all("*", remixOverEdge(build, edge, (req) => ({ clientAddress: req.ip ?? "unknown" })));
  app.use(edgeErrorHandler);

  return new Promise((resolve, reject) => {
    const server = app.listen(env.port, env.host, () => {
      resolve({
        url: env.appUrl,
        close: () =>
          new Promise<void>((done) =>
            server.close(() => {
              clearInterval(sweeper);
              if (mailer) clearInterval(mailer);
              storeSync?.stop();
              maintenance.$client.close();
              done();
            }),
          ),
      });
    });
    server.requestTimeout = REQUEST_RECEIVE_TIMEOUT_MS;
    server.headersTimeout = HEADERS_RECEIVE_TIMEOUT_MS;
    // CONNECT never reaches Express; without an answer Node would just drop the connection.
    server.on("connect", (_request, socket) => socket.end("HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
    server.once("error", reject);
  });
}

/**
 * Delivers queued supplier emails now and on an unref'd interval. A run still sending when the next
 * is due is not overlapped; other servers' runs are kept apart by the claim in the database.
 */
function startEmailDelivery(database: ReturnType<typeof openDatabase>, smtp: { url: string; from: string }, intervalMs: number): NodeJS.Timeout {
  const transport = createSmtpTransport(smtp);
  let running = false;
  const deliver = async () => {
    if (running) return;
    running = true;
    try {
      await deliverQueuedEmails(database, transport);
    } catch (error) {
      // Failed sends are recorded per email inside the run; this is the database itself failing. The next run tries again.
      console.error("Supplier email delivery failed:", error instanceof Error ? error.message : error);
    } finally {
      running = false;
    }
  };
  void deliver();
  return setInterval(() => void deliver(), intervalMs).unref();
}

/**
 * The full re-check of every installed store (spec/domain.md §2.4: at least every 10 hours): due
 * shops are looked for on unref'd timers, shortly after start and then every check interval. A run
 * still going when the next is due is not overlapped. Each run first undoes in Shopify the changes
 * of writes that died before committing.
 */
function startStoreSyncs(): { stop: () => void } {
  let running = false;
  const syncAll = async () => {
    if (running) return;
    running = true;
    try {
      await recoverAbandonedShopifyWrites(new Date());
      await syncDueShops(new Date());
    } catch (error) {
      // Each shop's failure is logged inside the run; this is the database itself failing. The next run tries again.
      console.error("The store sync failed:", error instanceof Error ? error.message : error);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void syncAll(), STORE_SYNC_FIRST_RUN_DELAY_MS).unref();
  const every = setInterval(() => void syncAll(), STORE_SYNC_CHECK_INTERVAL_MS).unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(every);
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  startServer().then(
    ({ url }) => console.log(`Logistified is listening on ${url}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
