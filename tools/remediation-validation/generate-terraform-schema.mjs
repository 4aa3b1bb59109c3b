#!/usr/bin/env node
// Regenerates tests/CloudAudit.Remediation.Tests/Data/terraform-aws-schema.json.gz: every resource type and
// data source of the Terraform `aws` provider, with its argument and nested block names (as written in
// HCL) and which are required, read from the npm package @cdktf/provider-aws (MPL-2.0), whose generated
// code is the provider's schema: each resource's synthesizeHclAttributes() names every argument and block
// in HCL form and flags blocks, and its .d.ts config interfaces mark optional properties with "?".
// Usage: node tools/remediation-validation/generate-terraform-schema.mjs [version | unpacked package dir]
// Needs npm (registry access) when given a version. Output is deterministic for a given package version.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = join(repoRoot, 'tests', 'CloudAudit.Remediation.Tests', 'Data');
const [packageArg = '21.22.1'] = process.argv.slice(2);

/** The package's folder, and the temporary folder to remove afterwards (null when given a folder). */
function unpack(version) {
  if (existsSync(version)) return { root: version, temporary: null };
  const dir = mkdtempSync(join(tmpdir(), 'provider-aws-'));
  const file = execFileSync('npm', ['pack', `@cdktf/provider-aws@${version}`, '--silent', '--pack-destination', dir],
    { encoding: 'utf8' }).trim();
  execFileSync('tar', ['xzf', join(dir, file), '-C', dir]);
  return { root: join(dir, 'package'), temporary: dir };
}

/**
 * Every interface of a .d.ts: interface → HCL name → { optional, anyBlock }. Each member's doc comment
 * links the registry page with the HCL name as anchor ("…/cloudtrail#s3_bucket_name"), which survives
 * the renames cdktf makes to avoid clashes (get_password_data is fetchPasswordData). anyBlock marks a
 * block cdktf types as `any` ("statement block" … `readonly statement?: any`): the provider's recursive
 * blocks (aws_wafv2_web_acl rule statement), whose contents cdktf does not describe.
 */
function interfaces(dts) {
  const result = new Map();
  for (const match of dts.matchAll(/^export interface (\w+)(?: extends [^{]+)? \{\n([\s\S]*?)^\}/gm)) {
    const members = new Map();
    for (const member of match[2].matchAll(/((?: +\*.*\n)*?) +\* Docs at Terraform Registry: \{@link \S+#(\w+) [\w.]+#\w+\}\n(?: +\*\/?.*\n)*? {4}readonly \w+(\?)?: (any;)?/g)) {
      const [, comment, name, optional, any] = member;
      members.set(name, { optional: Boolean(optional), anyBlock: Boolean(any) && comment.includes(`* ${name} block\n`) });
    }
    result.set(match[1], members);
  }
  return result;
}

/** The entries of one `const attrs = { ... };` literal: HCL name, value expression, block flag. */
function attributeEntries(body) {
  return [...body.matchAll(/^ +(\w+): \{\n +value: ([\s\S]*?),\n +isBlock: (true|false),\n +type: "(\w+)",/gm)]
    .map(([, name, value, isBlock]) => ({ name, value, isBlock: isBlock === 'true' }));
}

/** The generated function that maps a nested block, e.g. cloudtrailEventSelectorToHclTerraform. */
const nestedMapperOf = (value) => value.match(/(?<!cdktf\.)\b([a-z]\w*)ToHclTerraform\b/)?.[1];

/**
 * A schema: { args: ["name!", "kms_key_id"], blocks: { "event_selector": schema } }, "!" marking what is
 * required; a nested block schema has "single": true when the block may appear at most once, and
 * "any": true when cdktf does not describe its contents.
 */
function schemaOf(entries, optional, structs, dts, path) {
  const args = [];
  const blocks = {};
  for (const entry of entries) {
    const member = optional.get(entry.name);
    if (member === undefined) throw new Error(`${path}.${entry.name}: not in its interface`);
    const key = member.optional ? entry.name : `${entry.name}!`;
    if (member.anyBlock) {
      blocks[key] = { args: [], any: true };
      continue;
    }
    if (!entry.isBlock) {
      args.push(key);
      continue;
    }
    const mapper = nestedMapperOf(entry.value);
    const struct = structs.get(mapper);
    if (!struct) throw new Error(`${path}.${entry.name}: no mapper ${mapper}`);
    const structName = mapper[0].toUpperCase() + mapper.slice(1);
    const block = schemaOf(struct, dts.get(structName) ?? new Map(), structs, dts, `${path}.${entry.name}`);
    if (!entry.value.includes('listMapperHcl')) block.single = true;
    blocks[key] = block;
  }
  args.sort();
  const schema = { args };
  if (Object.keys(blocks).length) schema.blocks = Object.fromEntries(Object.entries(blocks).sort(([a], [b]) => a.localeCompare(b)));
  return schema;
}

/** The generated files of one resource: index.js/.d.ts, and index-structs/* when its structs are split out. */
function sources(folder, extension) {
  return readdirSync(folder, { recursive: true }).filter((f) => f.endsWith(extension)).sort()
    .map((f) => readFileSync(join(folder, f), 'utf8')).join('\n');
}

function readFolder(folder) {
  const js = sources(folder, '.js');
  const declarations = sources(folder, '.d.ts');
  const dts = interfaces(declarations);
  const kind = js.match(/^class (\w+) extends cdktf\.Terraform(Resource|DataSource|Provider) \{/m);
  if (!kind) return null;
  const [, className, type] = kind;
  const tfType = js.match(new RegExp(`^${className}\\.tfResourceType = "([\\w-]+)";`, 'm'))?.[1];
  const structs = new Map();
  for (const match of js.matchAll(/^function (\w+)ToHclTerraform\(struct\) \{\n([\s\S]*?)^\}/gm))
    structs.set(match[1], attributeEntries(match[2]));
  const main = js.match(/^ {4}synthesizeHclAttributes\(\) \{\n([\s\S]*?)^ {4}\}/m);
  // Usually <Class>Config; cdktf appends "A" where that name clashes.
  const configName = declarations.match(/constructor\(scope: Construct, id: string, config\??: (\w+)\)/)?.[1];
  const config = dts.get(configName);
  if (!config) throw new Error(`${folder}: no config interface ${configName}`);
  const schema = schemaOf(attributeEntries(main[1]), config, structs, dts, tfType);
  return { type, tfType, schema };
}

const { root, temporary } = unpack(packageArg);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const output = { resource: {}, data: {}, provider: null };
for (const folder of readdirSync(join(root, 'lib')).sort()) {
  if (!existsSync(join(root, 'lib', folder, 'index.d.ts'))) continue;
  const found = readFolder(join(root, 'lib', folder));
  if (!found) continue;
  if (found.type === 'Provider') output.provider = found.schema;
  else output[found.type === 'Resource' ? 'resource' : 'data'][found.tfType] = found.schema;
}
const sorted = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
const table = {
  source: `npm package @cdktf/provider-aws ${pkg.version} (https://github.com/cdktf/cdktf-provider-aws), MPL-2.0`,
  provider: pkg.cdktf.provider.name,
  provider_version: pkg.cdktf.provider.version,
  provider_schema: output.provider,
  resource: sorted(output.resource),
  data: sorted(output.data),
};
writeFileSync(join(dataDir, 'terraform-aws-schema.json.gz'), gzipSync(Buffer.from(JSON.stringify(table)), { level: 9, mtime: 0 }));
writeFileSync(join(dataDir, 'provider-aws-LICENSE.txt'), readFileSync(join(root, 'LICENSE')));
if (temporary) rmSync(temporary, { recursive: true, force: true });
console.log(`terraform-aws-schema.json.gz: provider ${table.provider} ${table.provider_version}, `
  + `${Object.keys(table.resource).length} resource types, ${Object.keys(table.data).length} data sources`);
