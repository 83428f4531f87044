import { describe, expect, it } from "vitest";
import { EMAIL_MAX_ATTEMPTS, retryDelayMs } from "../../app/inventory/purchase-orders/email-delivery";
import { formatMoney, purchaseOrderPdfFileName } from "../../app/inventory/purchase-orders/pdf";
import { encodeWinAnsi } from "../../app/inventory/purchase-orders/pdf-fonts";
import { fitText, textWidth, wrapText } from "../../app/inventory/purchase-orders/pdf-writer";

describe("amounts on the PDF", () => {
  it.each([
    [123456, "USD", "1,234.56"],
    [5, "USD", "0.05"],
    [-1999, "EUR", "-19.99"],
    [1234567, "JPY", "1,234,567"],
    [1234, "KWD", "1.234"],
  ])("%i minor units of %s print as %s", (amount, currency, printed) => {
    expect(formatMoney(amount, currency)).toBe(printed);
  });
});

describe("text on the PDF", () => {
  it.each([
    ["Café", [0x43, 0x61, 0x66, 0xe9]],
    ["€ – “x”", [0x80, 0x20, 0x96, 0x20, 0x93, 0x78, 0x94]],
    ["雪☃", [0x3f, 0x3f]],
  ])("%s is written in WinAnsi as %j, with ? for what the encoding lacks", (text, codes) => {
    expect(encodeWinAnsi(text)).toEqual(codes);
  });

  it("cuts text that does not fit its column and marks the cut", () => {
    const fitted = fitText("A very long product title indeed", "regular", 9, 60);
    expect(fitted.endsWith("\u2026")).toBe(true);
    expect(textWidth(fitted, "regular", 9)).toBeLessThanOrEqual(60);
    expect(fitText("Short", "regular", 9, 60)).toBe("Short");
  });

  it("wraps notes between words and at their own line breaks", () => {
    const lines = wrapText("one two three four five six\nseven", "regular", 10, 60);
    expect(lines.at(-1)).toBe("seven");
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(textWidth(line, "regular", 10)).toBeLessThanOrEqual(60);
  });

  it.each([
    ["PO-1001", "PO-1001.pdf"],
    ["PO 7/2026", "PO-7-2026.pdf"],
  ])("order %s is attached as %s", (number, fileName) => {
    expect(purchaseOrderPdfFileName(number)).toBe(fileName);
  });
});

describe("retrying a supplier email", () => {
  it.each([
    [1, 60_000],
    [2, 5 * 60_000],
    [3, 30 * 60_000],
    [4, 2 * 60 * 60_000],
    [5, null],
  ])("after %i failed attempt(s) the next waits %s ms (null: failed for good)", (attempts, delayMs) => {
    expect(retryDelayMs(attempts)).toBe(delayMs);
  });

  it("gives up after five attempts", () => {
    expect(EMAIL_MAX_ATTEMPTS).toBe(5);
  });
});
