#!/usr/bin/env node
// Regenerates tests/CloudAudit.Remediation.Tests/Data/aws-cli-commands.json.gz: every AWS CLI command
// (service, operation, and `wait` waiter) of the service models in a botocore data folder, with its
// parameters as the CLI spells them, derived the way the CLI derives them (cli-names.mjs).
// Usage: node tools/remediation-validation/generate-cli-commands.mjs [modelsDir[:moreModelsDir…]] [outFile]
//   modelsDir: botocore data layout, <service>/<api-version>/service-2.json[.gz] (and waiters-2.json)
//              (default: shared/aws-models in the nearest folder above the checkout that has one);
//              further folders add the services the first lacks (say, a folder of links to service
//              folders of an installed botocore's data).
// Output is deterministic for a given models folder.
import { existsSync, readFileSync, readdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join, dirname } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import {
  addedParameters, booleanStructures, cliName, lookup, operationAliases, optionalInCli, parameterAliases, removedOperations,
  removedParameters, renamedParameters, serviceCommandNames,
} from './cli-names.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = join(repoRoot, 'tests', 'CloudAudit.Remediation.Tests', 'Data');
const [modelsArg = sharedModels(), outFile = join(dataDir, 'aws-cli-commands.json.gz')] = process.argv.slice(2);
const [modelsDir, ...moreModelsDirs] = modelsArg.split(delimiter);

function sharedModels() {
  for (let dir = dirname(repoRoot); dir !== dirname(dir); dir = dirname(dir))
    if (existsSync(join(dir, 'shared', 'aws-models'))) return join(dir, 'shared', 'aws-models');
  throw new Error('no shared/aws-models above the checkout: pass the models folder as the first argument');
}

function readModelFile(dir, name) {
  const plain = join(dir, name);
  if (existsSync(plain)) return JSON.parse(readFileSync(plain, 'utf8'));
  if (existsSync(`${plain}.gz`)) return JSON.parse(gunzipSync(readFileSync(`${plain}.gz`)).toString('utf8'));
  return null;
}

/** The newest API version folder of a service (botocore loads the latest). */
function latestVersionDir(serviceDir) {
  const versions = readdirSync(serviceDir).filter((v) => statSync(join(serviceDir, v)).isDirectory()).sort();
  return versions.length ? join(serviceDir, versions[versions.length - 1]) : null;
}

const scalarTypes = { string: 'string', boolean: 'boolean', integer: 'integer', long: 'integer', float: 'number',
  double: 'number', timestamp: 'timestamp', blob: 'blob' };

/**
 * A reference to a shape as the table stores it: "#string", "#boolean", "#integer", "#number",
 * "#timestamp", "#blob", "#document" for scalars and documents, else the name of a structure, list or
 * map in the service's "shapes", which is collected into `collected` with everything it reaches.
 */
function shapeRef(name, model, collected) {
  const shape = model.shapes[name];
  if (scalarTypes[shape.type]) return `#${scalarTypes[shape.type]}`;
  if (shape.document) return '#document';
  if (collected[name]) return name;
  collected[name] = {};
  if (shape.type === 'list') {
    collected[name] = { list: shapeRef(shape.member.shape, model, collected) };
  } else if (shape.type === 'map') {
    collected[name] = { map: shapeRef(shape.value.shape, model, collected) };
  } else {
    const members = {};
    for (const [member, ref] of Object.entries(shape.members ?? {})) members[member] = shapeRef(ref.shape, model, collected);
    collected[name] = { members };
    if (shape.required?.length) collected[name].required = [...shape.required].sort();
  }
  return name;
}

/**
 * One operation's parameters: CLI name → shape reference (see shapeRef), "!" appended when required.
 * The CLI adds "--no-x" for each boolean "--x"; where it renames that negation ("--ingress" for
 * "--no-egress") the negation is "#not:x", so a required "--x" is satisfied by either. "#list" is a
 * list of strings the CLI itself adds; "<outfile>" is the positional output file of an operation whose
 * output is a stream. `command` is the CLI command the parameters belong to: the operation's, or a
 * waiter's ("image-available"), whose parameters are its operation's.
 */
function operationParameters(service, operation, model, paginator, collected, command = cliName(operation)) {
  const shapes = model.shapes;
  const input = model.operations[operation].input ? shapes[model.operations[operation].input.shape] : null;
  const cliOperation = command;
  const params = {};
  const add = (name, ref, required, renames = true) => {
    const renamed = (renames && lookup(renamedParameters, service, cliOperation, name)) || name;
    params[renamed] = required ? `${ref}!` : ref;
    const alias = lookup(parameterAliases, service, cliOperation, renamed);
    if (alias) params[alias] = params[renamed];
    return renamed;
  };
  const required = new Set(input?.required ?? []);
  for (const [member, ref] of Object.entries(input?.members ?? {})) {
    // botocore fills idempotency tokens itself, so the CLI never requires them.
    const isRequired = required.has(member) && !ref.idempotencyToken;
    const name = cliName(member);
    const booleanStructure = (booleanStructures[service] ?? []).includes(ref.shape);
    if (booleanStructure || shapes[ref.shape].type === 'boolean') {
      // A required boolean is satisfied by either form.
      add(name, '#boolean', isRequired);
      // The CLI adds the negations of boolean structures after its renames ran, so they keep their name.
      const negation = add(`no-${name}`, '#boolean', false, !booleanStructure);
      if (negation !== `no-${name}`) params[negation] = `#not:${name}`;
    } else {
      add(name, shapeRef(ref.shape, model, collected), isRequired);
    }
  }
  const key = `${service}.${cliOperation}`;
  for (const name of removedParameters[key] ?? []) delete params[name];
  for (const name of optionalInCli[key] ?? []) if (params[name]) params[name] = params[name].replace('!', '');
  Object.assign(params, addedParameters[key]);
  if (paginator) {
    params['starting-token'] = '#string';
    params['max-items'] = '#integer';
    if (paginator.limit_key) params['page-size'] = '#integer';
  }
  const output = model.operations[operation].output ? shapes[model.operations[operation].output.shape] : null;
  // An output whose payload is a blob is written to a file named by a positional argument (botocore's
  // "streaming output").
  const payload = output?.payload ? shapes[output.members[output.payload].shape] : null;
  if (payload?.type === 'blob') params['<outfile>'] = '#outfile!';
  return sortedKeys(params);
}

const sortedKeys = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** Where a service's models come from: "botocore 1.43.11" for (a link into) an installed botocore's data folder. */
function describeModels(serviceDir) {
  const init = join(realpathSync(serviceDir), '..', '..', '__init__.py');
  const version = existsSync(init) && readFileSync(init, 'utf8').match(/^__version__ = '([^']+)'/m)?.[1];
  return version ? `botocore ${version}` : serviceDir;
}

const services = {};
const sources = {};
const extraSources = {};
const folders = [modelsDir, ...moreModelsDirs].flatMap((dir) => readdirSync(dir).sort().map((folder) => ({ dir, folder })));
for (const { dir, folder } of folders) {
  const serviceDir = join(dir, folder);
  if (!statSync(serviceDir).isDirectory() || sources[serviceCommandNames[folder] ?? folder]) continue;
  const versionDir = latestVersionDir(serviceDir);
  const model = versionDir && readModelFile(versionDir, 'service-2.json');
  if (!model) continue;
  const paginators = readModelFile(versionDir, 'paginators-1.json')?.pagination ?? {};
  const command = serviceCommandNames[folder] ?? folder;
  const removed = new Set(removedOperations[command] ?? []);
  const operations = {};
  const shapes = {};
  for (const operation of Object.keys(model.operations).sort()) {
    const cliOperation = cliName(operation);
    if (removed.has(cliOperation)) continue;
    operations[cliOperation] = operationParameters(command, operation, model, paginators[operation], shapes);
    const alias = operationAliases[`${command}.${cliOperation}`];
    if (alias) operations[alias] = operations[cliOperation];
  }
  // `aws <service> wait <waiter>`: the CLI makes a command of each waiter of waiters-2.json, with the
  // parameters of the operation it polls.
  const waiters = {};
  for (const [waiter, config] of Object.entries(readModelFile(versionDir, 'waiters-2.json')?.waiters ?? {})) {
    waiters[cliName(waiter)] = operationParameters(command, config.operation, model, paginators[config.operation], shapes, cliName(waiter));
  }
  services[command] = { operations: sortedKeys(operations), waiters: sortedKeys(waiters), shapes: sortedKeys(shapes) };
  sources[command] = `${folder}/${versionDir.split(/[\\/]/).pop()}`;
  if (dir !== modelsDir) extraSources[command] = describeModels(serviceDir);
}

const sourceCommitFile = join(modelsDir, 'SOURCE_COMMIT');
const table = {
  source: 'botocore service models (https://github.com/boto/botocore, botocore/data), Apache-2.0',
  source_commit: existsSync(sourceCommitFile) ? readFileSync(sourceCommitFile, 'utf8').trim() : 'unknown',
  models: sources,
  // Services the main models folder lacks, and where their models come from.
  ...(Object.keys(extraSources).length ? { models_from_elsewhere: extraSources } : {}),
  services,
};
writeFileSync(outFile, gzipSync(Buffer.from(JSON.stringify(table)), { level: 9, mtime: 0 }));
const licence = join(modelsDir, 'LICENSE.txt');
if (outFile.startsWith(dataDir) && existsSync(licence)) writeFileSync(join(dataDir, 'botocore-LICENSE.txt'), readFileSync(licence));
const operationCount = Object.values(services).reduce((n, service) => n + Object.keys(service.operations).length, 0);
console.log(`${outFile}: ${Object.keys(services).length} services, ${operationCount} operations`);
