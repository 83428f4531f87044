import { describe, expect, it } from "vitest";
import { parseEnv } from "../../app/env.server";

const DEMO = { NODE_ENV: "test", LOGISTIFIED_DEMO_STORE: "1" } as const;

describe("supplier email delivery settings", () => {
  it("are off without SMTP_URL and MAIL_FROM, so queued emails wait", () => {
    expect(parseEnv(DEMO).smtp).toBeNull();
  });

  it("take both SMTP_URL and MAIL_FROM, and an interval in seconds", () => {
    const env = parseEnv({ ...DEMO, SMTP_URL: "smtps://user:secret@smtp.example.com:465", MAIL_FROM: "orders@example.com", EMAIL_DELIVERY_INTERVAL_SECONDS: "5" });
    expect(env.smtp).toEqual({ url: "smtps://user:secret@smtp.example.com:465", from: "orders@example.com" });
    expect(env.emailDeliveryIntervalMs).toBe(5000);
  });

  it.each([
    [{ SMTP_URL: "smtp://smtp.example.com" }, "needs both SMTP_URL and MAIL_FROM"],
    [{ MAIL_FROM: "orders@example.com" }, "needs both SMTP_URL and MAIL_FROM"],
    [{ SMTP_URL: "https://smtp.example.com", MAIL_FROM: "orders@example.com" }, "SMTP_URL must be an smtp:// or smtps:// URL"],
    [{ SMTP_URL: "smtp://smtp.example.com", MAIL_FROM: "orders" }, "MAIL_FROM must be the address"],
  ])("refuse %j, saying %s", (settings, message) => {
    expect(() => parseEnv({ ...DEMO, ...settings })).toThrow(message);
  });

  it("never repeat the SMTP password in an error", () => {
    expect(() => parseEnv({ ...DEMO, SMTP_URL: "ftp://user:hunter2@smtp.example.com", MAIL_FROM: "orders@example.com" })).toThrow(expect.objectContaining({ message: expect.not.stringContaining("hunter2") }));
  });
});
