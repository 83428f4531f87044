/**
 * The environment, parsed once at start-up. Two modes:
 *
 * - `shopify` (the default): a normal embedded app. `SHOPIFY_API_KEY`, `SHOPIFY_API_SECRET` and
 *   `SHOPIFY_APP_URL` are required, as `shopify app dev` provides them.
 * - `demo`: switched on only by `LOGISTIFIED_DEMO_STORE=1` (which `npm start` sets). The admin
 *   pages are served outside Shopify, signed in as the demo staff member, so the mode listens on
 *   loopback only and refuses to run with `NODE_ENV=production`.
 *
 * In both modes, `SMTP_URL` and `MAIL_FROM` together switch on the delivery of supplier emails,
 * looked for every `EMAIL_DELIVERY_INTERVAL_SECONDS` (30). Without them nothing is delivered and
 * queued emails wait; one without the other is a mistake and stops start-up.
 */
import { z } from "zod";

const LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1"] as const;

const BaseSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_PATH: z.string().min(1).default("data/logistified.sqlite"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  LOGISTIFIED_DEMO_STORE: z.enum(["0", "1"]).default("0"),
  SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: "SMTP_URL must be an smtp:// or smtps:// URL, such as smtps://user:password@smtp.example.com:465" })
    .optional(),
  MAIL_FROM: z.email("MAIL_FROM must be the address supplier emails come from, such as orders@example.com").optional(),
  EMAIL_DELIVERY_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
});

const ShopifySchema = z.object({
  SHOPIFY_API_KEY: z.string().min(1, "SHOPIFY_API_KEY is required outside the demo store"),
  SHOPIFY_API_SECRET: z.string().min(1, "SHOPIFY_API_SECRET is required outside the demo store"),
  SHOPIFY_APP_URL: z.url("SHOPIFY_APP_URL must be the app's public https URL"),
  SCOPES: z.string().default("read_products,read_inventory,write_inventory,read_locations"),
});

export type AppEnv =
  | (BaseEnv & { mode: "demo"; host: string; appUrl: string })
  | (BaseEnv & {
      mode: "shopify";
      host: string;
      appUrl: string;
      shopify: { apiKey: string; apiSecret: string; scopes: string[] };
    });
type BaseEnv = {
  nodeEnv: "development" | "production" | "test";
  databasePath: string;
  port: number;
  /** Where supplier emails are delivered through; null when delivery is off. */
  smtp: { url: string; from: string } | null;
  /** How often each server looks for queued supplier emails. */
  emailDeliveryIntervalMs: number;
  /**
   * Proxies in front of the server whose `X-Forwarded-For` is believed. With none (the default) a
   * client's address is the connection's; behind a load balancer every client would then share its
   * address, and one guesser could use up everyone's code submissions.
   */
  trustedProxyHops: number;
};

export function parseEnv(source: NodeJS.ProcessEnv): AppEnv {
  const base = BaseSchema.parse(source);
  const common = {
    nodeEnv: base.NODE_ENV,
    databasePath: base.DATABASE_PATH,
    port: base.PORT,
    smtp: smtpSettings(base.SMTP_URL, base.MAIL_FROM),
    emailDeliveryIntervalMs: base.EMAIL_DELIVERY_INTERVAL_SECONDS * 1000,
    trustedProxyHops: base.TRUSTED_PROXY_HOPS,
  };
  if (base.LOGISTIFIED_DEMO_STORE === "1") {
    if (base.NODE_ENV === "production") {
      throw new Error("The demo store signs everyone in as its staff member: it refuses to run with NODE_ENV=production.");
    }
    const host = base.HOST ?? "127.0.0.1";
    if (!(LOOPBACK_HOSTS as readonly string[]).includes(host)) {
      throw new Error(`The demo store listens on loopback only; HOST=${host} is not allowed (use 127.0.0.1).`);
    }
    const urlHost = host === "::1" ? "[::1]" : host;
    return { ...common, mode: "demo", host, appUrl: `http://${urlHost}:${base.PORT}` };
  }
  const shopify = ShopifySchema.parse(source);
  return {
    ...common,
    mode: "shopify",
    host: base.HOST ?? "0.0.0.0",
    appUrl: shopify.SHOPIFY_APP_URL.replace(/\/+$/, ""),
    shopify: {
      apiKey: shopify.SHOPIFY_API_KEY,
      apiSecret: shopify.SHOPIFY_API_SECRET,
      scopes: shopify.SCOPES.split(",").map((s) => s.trim()).filter(Boolean),
    },
  };
}

function smtpSettings(url: string | undefined, from: string | undefined): BaseEnv["smtp"] {
  if (url === undefined && from === undefined) return null;
  if (url === undefined || from === undefined) {
    throw new Error("Supplier email delivery needs both SMTP_URL and MAIL_FROM; set both, or neither to leave emails queued.");
  }
  return { url, from };
}

let parsed: AppEnv | undefined;

/** The process's environment; parsed on first use and fixed from then on. */
export function appEnv(): AppEnv {
  parsed ??= parseEnv(process.env);
  return parsed;
}
