/**
 * The production transport: SMTP through nodemailer, to the server `SMTP_URL` names
 * (`smtp://` or `smtps://`, credentials in the URL), from the address `MAIL_FROM` names.
 */
import { createTransport } from "nodemailer";
import type { MailTransport } from "./transport";

export type SmtpSettings = { url: string; from: string };

/**
 * Kept well inside the delivery claim (`EMAIL_CLAIM_LEASE_MS`, 15 minutes): a send that outlives its
 * claim could be picked up again by another server and go out twice.
 */
const TIMEOUTS_MS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 120_000 };

export function createSmtpTransport(settings: SmtpSettings): MailTransport {
  const transporter = createTransport({ url: settings.url, ...TIMEOUTS_MS });
  return {
    async send(message) {
      await transporter.sendMail({
        from: settings.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        attachments: message.attachments.map((attachment) => ({ filename: attachment.filename, contentType: attachment.contentType, content: Buffer.from(attachment.content) })),
      });
    },
  };
}
