#!/usr/bin/env node
// Parses HCL snippets with HashiCorp's HCL parser (Go, compiled to WebAssembly, in @cdktf/hcl2json).
// stdin: a JSON array of HCL texts. stdout: a JSON array, one entry per text, in order:
// { "json": <the configuration as Terraform's JSON syntax> } or { "error": "<parser diagnostics>" }.
// Used by tests/CloudAudit.Remediation.Tests; run `npm ci` in this folder first.
import { parse } from '@cdktf/hcl2json';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const texts = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const results = [];
for (const [index, text] of texts.entries()) {
  try {
    results.push({ json: await parse(`snippet-${index}.tf`, text) });
  } catch (error) {
    results.push({ error: String(error?.message ?? error) });
  }
}
process.stdout.write(JSON.stringify(results));
