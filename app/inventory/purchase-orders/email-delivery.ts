/**
 * When a queued supplier email is tried again (spec §4.6: a failed delivery never undoes Sent). Pure.
 */

/** The wait after each failed attempt, in order; the attempt after the last wait is the final one. */
export const EMAIL_RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 60 * 60_000] as const;
export const EMAIL_MAX_ATTEMPTS = EMAIL_RETRY_DELAYS_MS.length + 1;

/**
 * How long a delivery run owns an email it claimed. Longer than any SMTP send can take (the
 * transport's timeouts), so only a server that died mid-send leaves a claim to lapse; the email
 * is then tried again, and may reach the supplier twice, which beats never.
 */
export const EMAIL_CLAIM_LEASE_MS = 15 * 60_000;

/** After `attempts` failed attempts: the wait before the next, or null when the email has failed for good. */
export function retryDelayMs(attempts: number): number | null {
  return EMAIL_RETRY_DELAYS_MS[attempts - 1] ?? null;
}
