/**
 * The `lstk_` API key format, pure: no I/O, no database.
 *
 * `lstk_` + 40 base62 characters from a CSPRNG (about 238 bits) + 6 base62 characters encoding the
 * CRC-32 of those 40. The checksum lets a client, a secret scanner or this server reject a mistyped
 * or truncated key without a database read; it proves nothing about authenticity. The display
 * prefix is `lstk_` plus the first 8 random characters.
 */
import { generateRandomString } from "@oslojs/crypto/random";
import { BASE62, secureRandom } from "../../db/ids";
import { crc32 } from "./crc32";
import { hashSecret } from "./secrets";

export const KEY_MARKER = "lstk_";
const RANDOM_LENGTH = 40;
const CHECKSUM_LENGTH = 6;
const PREFIX_LENGTH = KEY_MARKER.length + 8;
const KEY_PATTERN = new RegExp(`^${KEY_MARKER}[0-9A-Za-z]{${RANDOM_LENGTH + CHECKSUM_LENGTH}}$`);


export type GeneratedKey = { key: string; prefix: string; keyHash: string };

export function generateApiKey(): GeneratedKey {
  const body = generateRandomString(secureRandom, BASE62, RANDOM_LENGTH);
  const key = `${KEY_MARKER}${body}${checksumOf(body)}`;
  return { key, prefix: key.slice(0, PREFIX_LENGTH), keyHash: hashSecret(key) };
}

/** True when `candidate` has the key's shape and its checksum matches; says nothing of validity. */
export function isWellFormedApiKey(candidate: string): boolean {
  if (!KEY_PATTERN.test(candidate)) return false;
  const body = candidate.slice(KEY_MARKER.length, KEY_MARKER.length + RANDOM_LENGTH);
  return candidate.slice(KEY_MARKER.length + RANDOM_LENGTH) === checksumOf(body);
}

function checksumOf(body: string): string {
  let value = crc32(new TextEncoder().encode(body));
  let digits = "";
  for (let i = 0; i < CHECKSUM_LENGTH; i++) {
    digits = BASE62[value % 62] + digits;
    value = Math.floor(value / 62);
  }
  return digits;
}
