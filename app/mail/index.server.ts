/**
 * Outgoing mail. `MailTransport` is the port the domain sends through; `createSmtpTransport` is
 * the production implementation, configured by `SMTP_URL` and `MAIL_FROM` (see `app/env.server.ts`).
 * Tests pass their own transport, or point the SMTP one at a sink on loopback.
 */
export { createSmtpTransport, type SmtpSettings } from "./smtp.server";
export type { EmailAttachment, MailTransport, OutgoingEmail } from "./transport";
