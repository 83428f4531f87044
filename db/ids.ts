/**
 * Opaque ids: a short type prefix and 20 base62 characters from the platform CSPRNG. Ids identify
 * but never authorise; they are random so that one store's ids say nothing about another's.
 */
import { generateRandomString, type RandomReader } from "@oslojs/crypto/random";

export const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export const secureRandom: RandomReader = {
  read: (bytes) => crypto.getRandomValues(bytes),
};

export function newId(prefix: string): string {
  return `${prefix}_${generateRandomString(secureRandom, BASE62, 20)}`;
}
