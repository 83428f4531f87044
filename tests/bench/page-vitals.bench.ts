/**
 * The Agent Access page in headless Chromium on the demo store: Largest Contentful Paint and
 * Cumulative Layout Shift (Built for Shopify asks for LCP ≤ 2.5 s and CLS ≤ 0.1), and the
 * JavaScript the browser loads for it, against the app's home page as the baseline of the run.
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { launchChromium } from "../support/browser";
import { createdKey } from "../support/agent-access-page";
import { startTestServer } from "../support/test-server";

const LOADS = 7;

type Vitals = { lcpMs: number; cls: number; scripts: string[] };

export async function bench() {
  const server = await startTestServer();
  const browser = await launchChromium();
  try {
    // A store with history: enough keys that the table paginates.
    for (let i = 0; i < 30; i++) await createdKey(server.url, { label: `Assistant ${i + 1}`, scope: i % 3 ? "read" : "read_write" });
    const home = await measure(browser, `${server.url}/app`);
    const page = await measure(browser, `${server.url}/app/agent-access`);
    report("home page (baseline)", home);
    report("LLM / Agent Access", page);
    console.log(`  LCP ratio to the baseline: ${(median(page.map((v) => v.lcpMs)) / median(home.map((v) => v.lcpMs))).toFixed(2)}×`);
    const scripts = [...new Set(page.flatMap((v) => v.scripts))];
    const sizes = scripts.map((url) => {
      const bytes = readFileSync(`public${new URL(url).pathname}`);
      return { raw: bytes.length, gzip: gzipSync(bytes).length };
    });
    const total = sizes.reduce((sum, s) => ({ raw: sum.raw + s.raw, gzip: sum.gzip + s.gzip }), { raw: 0, gzip: 0 });
    console.log(`client JavaScript for the page: ${scripts.length} files, ${kb(total.raw)} KB (${kb(total.gzip)} KB gzipped)`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function measure(browser: Browser, url: string): Promise<Vitals[]> {
  const results: Vitals[] = [];
  for (let i = 0; i < LOADS + 1; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: "load" });
    await page.waitForTimeout(500);
    const vitals = await page.evaluate(
      () =>
        new Promise<Vitals>((resolve) => {
          let lcpMs = 0;
          let cls = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) lcpMs = Math.max(lcpMs, entry.startTime);
          }).observe({ type: "largest-contentful-paint", buffered: true });
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
              if (!entry.hadRecentInput) cls += entry.value;
            }
          }).observe({ type: "layout-shift", buffered: true });
          setTimeout(() => {
            const scripts = performance
              .getEntriesByType("resource")
              .map((entry) => entry.name)
              .filter((name) => name.endsWith(".js"));
            resolve({ lcpMs, cls, scripts });
          }, 200);
        }),
    );
    await context.close();
    // The first load warms the server and the browser's caches of the build; it is not counted.
    if (i > 0) results.push(vitals);
  }
  return results;
}

function report(name: string, vitals: Vitals[]) {
  const lcps = vitals.map((v) => v.lcpMs);
  console.log(
    `${name}: LCP median ${median(lcps).toFixed(0)} ms (max ${Math.max(...lcps).toFixed(0)} ms), CLS max ${Math.max(...vitals.map((v) => v.cls)).toFixed(4)}, ${LOADS} cold loads`,
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function kb(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}
