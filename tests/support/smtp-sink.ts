/**
 * A mail server on loopback that accepts every message and keeps it, as a supplier's mail server
 * would receive it: plain SMTP, no TLS, no authentication, on a port of its own. `parseMail` reads
 * back the few parts tests look at (headers, and attachments as bytes).
 */
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { from: string | null; to: string[]; raw: string };
export type SmtpSink = { url: string; received: ReceivedMail[]; close: () => Promise<void> };

export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null, to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw: Buffer.concat(chunks).toString("latin1") });
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    const listening = server.listen(0, "127.0.0.1", () => {
      const address = listening.address();
      if (address === null || typeof address === "string") reject(new Error("the SMTP sink has no port"));
      else resolve(address.port);
    });
  });
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export type ParsedMail = { headers: Map<string, string>; text: string; attachments: { filename: string; contentType: string; content: Buffer }[] };

/** Headers (lower-case names, unfolded), the text part, and base64 attachments of a MIME message. */
export function parseMail(raw: string): ParsedMail {
  const { headers, body } = splitPart(raw);
  const boundary = /boundary="?([^";]+)"?/i.exec(headers.get("content-type") ?? "")?.[1];
  const parts = boundary ? body.split(`--${boundary}`).slice(1, -1).map(splitPart) : [{ headers, body }];
  const decode = (part: { headers: Map<string, string>; body: string }) =>
    /base64/i.test(part.headers.get("content-transfer-encoding") ?? "") ? Buffer.from(part.body.replace(/\s+/g, ""), "base64") : Buffer.from(part.body, "latin1");
  const textPart = parts.find((part) => /^text\/plain/i.test(part.headers.get("content-type") ?? ""));
  return {
    headers,
    text: textPart ? decode(textPart).toString("utf8") : "",
    attachments: parts
      .filter((part) => /attachment/i.test(part.headers.get("content-disposition") ?? ""))
      .map((part) => ({
        filename: /filename="?([^";]+)"?/i.exec(part.headers.get("content-disposition") ?? "")?.[1] ?? "",
        contentType: (part.headers.get("content-type") ?? "").split(";")[0]!.trim(),
        content: decode(part),
      })),
  };
}

function splitPart(text: string): { headers: Map<string, string>; body: string } {
  const trimmed = text.replace(/^\r?\n/, "");
  const end = trimmed.search(/\r?\n\r?\n/);
  const head = end === -1 ? trimmed : trimmed.slice(0, end);
  const body = end === -1 ? "" : trimmed.slice(end).replace(/^\r?\n\r?\n/, "");
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}
