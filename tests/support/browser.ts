/**
 * Debian's Chromium, driven by playwright-core. Never a downloaded browser: the machine has no
 * network for it, and CI installs Chromium with apt-get.
 */
import { chromium, type Browser } from "playwright-core";

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
