/**
 * Secrets Logistified issues (keys, tokens, connection codes) and how they are compared. Pure.
 * Every secret is stored as its SHA-256 and looked up by that hash; where a secret must be
 * compared directly (a PKCE verifier, a CSRF token), the comparison takes constant time.
 */
import { sha256 } from "@oslojs/crypto/sha2";
import { generateRandomString } from "@oslojs/crypto/random";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase64urlNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { BASE62, secureRandom } from "../../db/ids";

/** SHA-256 as lower-case hex: how secrets are stored and looked up. */
export function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

/** `<marker>` + 43 base62 characters (~256 bits): OAuth tokens, client secrets, CSRF tokens. */
export function generateOpaqueSecret(marker: string): string {
  return `${marker}${generateRandomString(secureRandom, BASE62, 43)}`;
}

export function secretsEqual(a: string, b: string): boolean {
  const [left, right] = [new TextEncoder().encode(a), new TextEncoder().encode(b)];
  return left.length === right.length && constantTimeEqual(left, right);
}

/** RFC 7636 S256: BASE64URL(SHA256(verifier)) must equal the challenge. */
export function pkceS256Matches(verifier: string, challenge: string): boolean {
  if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return false;
  return secretsEqual(encodeBase64urlNoPadding(sha256(new TextEncoder().encode(verifier))), challenge);
}

/**
 * Connection codes are typed by a person: 8 characters from an alphabet without 0/O, 1/I/L, shown
 * as XXXX-XXXX, accepted in any case with or without the hyphen. 31^8 ≈ 8.5 × 10^11 codes against
 * five tries per attempt leaves a guess a chance of about 6 in 10^12.
 */
export const CONNECTION_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const CONNECTION_CODE_LENGTH = 8;

export function generateConnectionCode(): string {
  return generateRandomString(secureRandom, CONNECTION_CODE_ALPHABET, CONNECTION_CODE_LENGTH);
}

export function formatConnectionCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** The code as stored and compared: upper case, no hyphen or spaces; null if it cannot be a code. */
export function normalizeConnectionCode(typed: string): string | null {
  const code = typed.replace(/[\s-]/g, "").toUpperCase();
  const pattern = new RegExp(`^[${CONNECTION_CODE_ALPHABET}]{${CONNECTION_CODE_LENGTH}}$`);
  return pattern.test(code) ? code : null;
}

