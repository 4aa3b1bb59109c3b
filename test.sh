#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what the tests need, then `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")"

need_apt=()
# The HTML report tests drive Debian's chromium through Playwright for .NET, whose NuGet package
# brings its own driver (node included): no browser or driver download.
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
# The remediation tests compile the jq filter of every fix that edits a file between two aws commands.
command -v jq >/dev/null 2>&1 || need_apt+=(jq)
# The history store tests run against a real, throw-away PostgreSQL cluster (initdb and pg_ctl from Debian's server).
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "test.sh: installing ${need_apt[*]} (browser tests of the HTML report, jq filters of the fixes, PostgreSQL for the history store)"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "test.sh: ${need_apt[*]} missing and not root; browser, remediation or PostgreSQL store tests will fail or be skipped" >&2
  fi
fi

# npm packages that tests run under node, each installed from its folder's lockfile:
# the remediation tests parse every Terraform fix with HashiCorp's HCL parser (npm @cdktf/hcl2json), and the MCP
# tests drive `cloud-audit mcp` with a client we did not write, the official MCP TypeScript SDK.
npm_ci() {
  [ -d "$1/node_modules" ] && return 0
  if command -v npm >/dev/null 2>&1; then
    echo "test.sh: installing $2 (npm ci in $1)"
    (cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
  else
    echo "test.sh: npm missing; the tests that need $2 will fail" >&2
  fi
}
npm_ci tools/remediation-validation "the HCL parser"
npm_ci tests/CloudAudit.Mcp.Tests/ts-client "the MCP TypeScript SDK"

status=0
# The bench smoke tests run each bench's documented `dotnet run` command, which builds the benches and the projects
# under them: they run after the solution's build and tests are done, so two builds never write one output folder.
dotnet test CloudAudit.slnx --configuration Release --filter 'FullyQualifiedName!~CloudAudit.Bench.Tests' "$@" || status=$?
dotnet test tests/CloudAudit.Bench.Tests --configuration Release --no-build "$@" || status=$?

# Figures worth seeing in CI's log: the AWS protocol conformance pass counts.
for results in tests/CloudAudit.Transport.Tests/bin/Release/*/conformance-results.txt; do
  [ -f "$results" ] && { echo "== AWS protocol conformance (botocore cases)"; cat "$results"; }
done
exit $status
