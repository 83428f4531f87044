import { describe, expect, it } from "vitest";
import { generateApiKey } from "../../app/access/key-format";
import { redactCredentials } from "../../app/access/redaction";
import { generateOpaqueSecret } from "../../app/access/secrets";

const key = generateApiKey().key;
const token = generateOpaqueSecret("lgat_");

describe("redactCredentials", () => {
  it.each([
    ["a key in a program's comment", `// my key is ${key}\nreturn 1;`, `// my key is ${key.slice(0, 13)}…[redacted]\nreturn 1;`],
    ["a truncated key", "lstk_abcdefghXYZ", "lstk_abcdefgh…[redacted]"],
    ["a key's display prefix alone, which is kept", "lstk_abcdefgh", "lstk_abcdefgh…[redacted]"],
    ["an access token in a query string", `GET /api/v1/variants?access_token=${token}&limit=5`, "GET /api/v1/variants?access_token=[redacted]&limit=5"],
    ["an access token anywhere", `token ${token} here`, "token lgat_[redacted] here"],
    ["refresh tokens, codes and client secrets", "lgrt_abc lgac_def lgcs_ghi", "lgrt_[redacted] lgac_[redacted] lgcs_[redacted]"],
    ["Shopify tokens", "shpat_0123abcd shpss_xyz", "shpat_[redacted] shpss_[redacted]"],
    ["a bearer header", "Authorization: Bearer abc.def-ghi", "Authorization: Bearer [redacted]"],
    ["basic credentials", "authorization: basic dXNlcjpwYXNz", "authorization: basic [redacted]"],
    ["secret-named query parameters", "/cb?code=abc&state=s&client_secret=x;password=p", "/cb?code=[redacted]&state=s&client_secret=[redacted];password=[redacted]"],
    ["an empty parameter, left alone", "/x?token=&limit=2", "/x?token=&limit=2"],
  ])("%s", (_name, input, expected) => {
    expect(redactCredentials(input)).toBe(expected);
  });

  it("leaves ordinary text, SKUs and ids alone", () => {
    const text = "run const page = await app.variants.list({ sku: 'TENT-2P-GRN', limit: 100 }); // key=value pairs, lstk is our prefix";
    expect(redactCredentials(text)).toBe(text);
  });

  it("keeps nothing of the secret part of a key or token", () => {
    const redacted = redactCredentials(`${key} ${token}`);
    expect(redacted).not.toContain(key.slice(13, 30));
    expect(redacted).not.toContain(token.slice(5));
  });
});
