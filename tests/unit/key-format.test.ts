import { describe, expect, it } from "vitest";
import { crc32 } from "../../app/access/crc32";
import { generateApiKey, isWellFormedApiKey } from "../../app/access/key-format";
import { hashSecret } from "../../app/access/secrets";

describe("crc32", () => {
  it.each([
    ["", 0x00000000],
    ["a", 0xe8b7be43],
    ["123456789", 0xcbf43926],
    ["The quick brown fox jumps over the lazy dog", 0x414fa339],
  ])("crc32(%j) is the zlib value", (text, expected) => {
    expect(crc32(new TextEncoder().encode(text))).toBe(expected);
  });
});

describe("lstk_ keys", () => {
  it("are lstk_, 40 random base62 characters and a 6-character checksum, with a 13-character prefix", () => {
    const { key, prefix, keyHash } = generateApiKey();
    expect(key).toMatch(/^lstk_[0-9A-Za-z]{46}$/);
    expect(prefix).toBe(key.slice(0, 13));
    expect(keyHash).toBe(hashSecret(key));
    expect(keyHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("are never repeated", () => {
    const keys = new Set(Array.from({ length: 1000 }, () => generateApiKey().key));
    expect(keys.size).toBe(1000);
  });

  it("are accepted as generated", () => {
    for (let i = 0; i < 200; i++) expect(isWellFormedApiKey(generateApiKey().key)).toBe(true);
  });

  it("are rejected after any one-character typo, truncation or wrong marker", () => {
    const { key } = generateApiKey();
    const typo = (at: number) => key.slice(0, at) + (key[at] === "a" ? "b" : "a") + key.slice(at + 1);
    for (let at = 5; at < key.length; at++) expect(isWellFormedApiKey(typo(at))).toBe(false);
    expect(isWellFormedApiKey(key.slice(0, -1))).toBe(false);
    expect(isWellFormedApiKey(`${key}x`)).toBe(false);
    expect(isWellFormedApiKey(key.replace("lstk_", "lstx_"))).toBe(false);
    expect(isWellFormedApiKey(key.replace("lstk_", "LSTK_"))).toBe(false);
    expect(isWellFormedApiKey("")).toBe(false);
  });

  it("hash with SHA-256 as lower-case hex", () => {
    expect(hashSecret("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
