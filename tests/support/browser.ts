/**
 * Debian's Chromium, driven by playwright-core. Never a downloaded browser: the machine has no
 * network for it, and CI installs Chromium with apt-get.
 */
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";

export const SCREENSHOTS = new URL("../e2e/__screenshots__/", import.meta.url);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** A full-page screenshot kept under tests/e2e/__screenshots__ for review (never compared). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: fileURLToPath(new URL(`${name}.png`, SCREENSHOTS)), fullPage: true });
}

/** Loads `url` and waits until React has hydrated it, so clicks reach their handlers. */
export async function openPage(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector("html[data-hydrated]");
}

/** Chromium for a whole test file, launched before its tests and closed after them. */
export function useChromium(): { readonly current: Browser } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get current() {
      if (!browser) throw new Error("Chromium is used before beforeAll launched it");
      return browser;
    },
  };
}
