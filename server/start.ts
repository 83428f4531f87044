/**
 * `npm start`: the app on the demo store. Migrates and seeds the SQLite file on first run, builds,
 * and serves on loopback, then says where to go and how to connect an assistant.
 */
import { execFileSync } from "node:child_process";

process.env.LOGISTIFIED_DEMO_STORE = "1";

execFileSync("tsx", ["db/seed.ts"], { stdio: "inherit" });
console.log("Building the app…");
execFileSync("tsx", ["docs/bundle.ts"], { stdio: ["ignore", "ignore", "inherit"] });
execFileSync("remix", ["build"], { stdio: ["ignore", "ignore", "inherit"] });

const { startServer } = await import("./index");
const { url } = await startServer();
console.log(`
Logistified is running on the demo store.

  Admin (signed in as the demo staff member):  ${url}/app
  Agent endpoint (MCP over Streamable HTTP):    ${url}/mcp-agent

Create a key on ${url}/app/agent-access, then connect a client, for example Claude Code:

  claude mcp add --transport http logistified ${url}/mcp-agent --header "Authorization: Bearer lstk_…"

Stop with Ctrl+C.`);
