// Drives `cloud-audit mcp` with the official MCP TypeScript SDK and prints what it saw as one JSON document.
// Usage: node client.mjs COMMAND [ARGS...]   (the command line that starts the server)
// The SDK checks each structured result against the tool's output schema itself: a mismatch throws.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const [command, ...args] = process.argv.slice(2);
const transport = new StdioClientTransport({ command, args, stderr: "pipe", env: { ...process.env } });
const client = new Client({ name: "cloud-audit-ts-test", version: "1.0.0" });
const seen = {};

await client.connect(transport);
seen.server = client.getServerVersion();
seen.instructions = client.getInstructions() ?? "";

const { tools } = await client.listTools();
seen.tools = tools.map(t => ({
  name: t.name,
  inputType: t.inputSchema?.type,
  hasOutputSchema: !!t.outputSchema,
  readOnly: t.annotations?.readOnlyHint === true,
  destructive: t.annotations?.destructiveHint !== false,
  description: t.description ?? "",
}));

let progress = 0;
const demo = await client.callTool({ name: "demo_scan", arguments: {} }, undefined, { onprogress: () => progress++ });
seen.demo = { isError: !!demo.isError, structured: demo.structuredContent, text: demo.content?.[0]?.text, progress };

// Every page of the findings, by cursor, until none is left.
const fingerprints = [];
let cursor = "", pages = 0, total = -1;
do {
  const page = await client.callTool({ name: "get_findings", arguments: { limit: 100, cursor } });
  if (page.isError) throw new Error(`get_findings failed: ${page.content?.[0]?.text}`);
  const s = page.structuredContent;
  fingerprints.push(...s.findings.map(f => f.fingerprint));
  total = s.page.total;
  cursor = s.page.next_cursor ?? "";
  pages++;
} while (cursor);
seen.findings = { pages, total, fingerprints: fingerprints.length, distinct: new Set(fingerprints).size };

const chains = await client.callTool({ name: "get_attack_chains", arguments: {} });
seen.chains = { returned: chains.structuredContent.attack_chains.length, total: chains.structuredContent.page.total };
const explain = await client.callTool({ name: "explain_check", arguments: { check_id: "aws-cw-004" } });
seen.explain = { check_id: explain.structuredContent.check_id, isError: !!explain.isError };

const bad = await client.callTool({ name: "get_findings", arguments: { limit: "ten" } });
seen.badArgument = { isError: !!bad.isError, text: bad.content?.[0]?.text };
try {
  await client.callTool({ name: "no_such_tool", arguments: {} });
  seen.unknownTool = { threw: false };
} catch (e) {
  seen.unknownTool = { threw: true, code: e.code, message: e.message };
}
const after = await client.callTool({ name: "list_checks", arguments: {} });
seen.stillServing = !after.isError && after.structuredContent.checks.length > 0;

await client.close();
process.stdout.write(JSON.stringify(seen) + "\n");
