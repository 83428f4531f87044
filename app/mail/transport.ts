/** The port every way of sending mail fills: one message in, a promise that settles when it is handed over. Pure. */

export type EmailAttachment = { filename: string; contentType: string; content: Uint8Array };

export type OutgoingEmail = {
  to: string;
  subject: string;
  text: string;
  attachments: EmailAttachment[];
};

export type MailTransport = {
  /** Resolves once the mail server has accepted the message; rejects with the reason it did not. */
  send(message: OutgoingEmail): Promise<void>;
};
