import { describe, expect, it } from "vitest";
import { openPage, screenshot, useChromium } from "../support/browser";
import { createdKey } from "../support/agent-access-page";
import { connectWithKey } from "../support/mcp-client";
import { useTestServer } from "../support/test-server";

const server = useTestServer();
const chromium = useChromium();

describe("the Agent Access page in a real browser", () => {
  it("creates a read-only key shown once, which works until it is revoked from the table", async () => {
    const context = await chromium.current.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on("console", (message) => message.type() === "error" && consoleErrors.push(message.text()));

    await openPage(page, `${server.url}/app/agent-access`);
    await expect(page.getByRole("heading", { name: "LLM / Agent Access" }).isVisible()).resolves.toBe(true);
    const createCard = page.getByRole("region", { name: "Create key" });
    expect(await createCard.getByLabel("Read only (recommended)").isChecked()).toBe(true);
    await screenshot(page, "agent-access-empty");

    await createCard.getByLabel("Label").fill("Laptop CLI");
    await createCard.getByRole("button", { name: "Create key" }).click();
    const keyField = page.getByRole("textbox", { name: "API key", exact: true });
    await keyField.waitFor();
    const key = await keyField.inputValue();
    expect(key).toMatch(/^lstk_[0-9A-Za-z]{46}$/);
    await expect(page.getByText("Copy this key now. It will not be shown again.").isVisible()).resolves.toBe(true);

    await page.getByRole("button", { name: "Copy API key" }).click();
    await page.getByRole("button", { name: "Copy API key" }).filter({ hasText: "Copied" }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
    await screenshot(page, "agent-access-key-created");

    const row = page.getByRole("region", { name: "Active keys" }).getByRole("row").filter({ hasText: "Laptop CLI" });
    expect(await row.innerText()).toContain(`${key.slice(0, 13)}…`);

    const client = await connectWithKey(server.url, key);
    expect((await client.listTools()).tools.map((tool) => tool.name)).toContain("search_api");

    // Leaving while the key is on screen asks first; the test accepts, as a person who copied it would.
    page.once("dialog", (dialog) => void dialog.accept());
    await page.reload();
    await page.waitForSelector("html[data-hydrated]");
    expect(await page.content()).not.toContain(key.slice(13));
    expect(await page.getByRole("textbox", { name: "API key", exact: true }).count()).toBe(0);

    await row.getByRole("button", { name: /^Revoke Laptop CLI/ }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText(`Laptop CLI (${key.slice(0, 13)}) will stop working on its next request`).waitFor();
    await screenshot(page, "agent-access-revoke-modal");
    await dialog.getByRole("button", { name: "Revoke key" }).click();
    await row.getByText("Revoked").waitFor();
    await page.getByText("Revoked Laptop CLI").first().waitFor();
    const struck = await row.getByText("Laptop CLI").evaluate((element) => getComputedStyle(element).textDecorationLine);
    expect(struck).toBe("line-through");
    expect(await row.getByRole("button", { name: /^Revoke/ }).count()).toBe(0);
    await screenshot(page, "agent-access-key-revoked");

    await expect(client.listTools()).rejects.toMatchObject({ code: 401 });
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

describe("the page with history", () => {
  it("pages the keys table past 25 rows, and filters the activity by credential", async () => {
    const keys = [];
    for (let i = 1; i <= 27; i++) keys.push(await createdKey(server.url, { label: `Assistant ${String(i).padStart(2, "0")}`, scope: "read" }));
    const [first, second] = [keys[26]!, keys[25]!];
    for (const key of [first, second]) {
      const client = await connectWithKey(server.url, key.key);
      await client.callTool({ name: "search_api", arguments: { query: key.label } });
      await client.close();
    }

    const context = await chromium.current.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await openPage(page, `${server.url}/app/agent-access`);
    const table = page.getByRole("region", { name: "Active keys" });
    const labelsOnPage = async () => {
      await table.getByRole("row").nth(1).waitFor();
      return (await table.getByRole("row").allInnerTexts()).slice(1).map((row) => /Assistant \d+/.exec(row)?.[0]);
    };
    const pageOne = await labelsOnPage();
    expect(pageOne).toHaveLength(25);
    await table.getByRole("button", { name: "Next" }).click();
    await page.waitForURL(/keys=2/);
    await table.getByRole("row").filter({ hasText: pageOne[0]! }).waitFor({ state: "detached" });
    // Page two: the two oldest assistants, then the first test's revoked key (revoked keys come last).
    const pageTwo = (await labelsOnPage()).filter(Boolean);
    expect(pageTwo).toHaveLength(2);
    expect(new Set([...pageOne, ...pageTwo]).size).toBe(27);

    const activity = page.getByRole("region", { name: "Activity" });
    await activity.getByText(`mcp:${first.prefix}`).waitFor();
    await activity.getByText(`mcp:${second.prefix}`).waitFor();
    await activity.getByLabel("Credential").selectOption({ label: `Assistant 27 (${first.prefix})` });
    await page.waitForURL(/activity=key_/);
    await activity.getByText(`mcp:${second.prefix}`).waitFor({ state: "detached" });
    await activity.getByText(`mcp:${first.prefix}`).waitFor();
    await screenshot(page, "agent-access-activity-filtered");
    await context.close();
  });
});
