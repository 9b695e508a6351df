#!/usr/bin/env bash
# Known advisories in the production dependencies: `pnpm audit --prod`, failing on high and critical ones.
# Where no advisory source answers (a mirror without the audit endpoint, no network), it says so in
# one line and counts nothing: a skip is never reported as a pass.
# Adds {"passed","failed"} to TEST_SUMMARY_FILE when the audit ran.
set -uo pipefail
cd "$(dirname "$0")/.."

out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
timeout 120 pnpm audit --prod --json >"$out" 2>"$err"
code=$?

record() {
  [ -n "${TEST_SUMMARY_FILE:-}" ] && printf '{"passed":%d,"failed":%d}\n' "$1" "$2" >>"$TEST_SUMMARY_FILE"
  return 0
}

# A report from an advisory source is JSON with metadata; anything else means none was reached.
if ! node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); if (!r.metadata) process.exit(1)' "$out" 2>/dev/null; then
  reason=$(grep -v '^\s*$' "$err" | tr -s ' \n│×' ' ' | cut -c1-200)
  [ "$code" = 124 ] && reason="no answer within 120 s"
  echo "pnpm audit SKIPPED: no advisory source reachable from this machine (${reason:-exit $code}); dependencies were not checked for advisories"
  exit 0
fi

node - "$out" <<'EOF'
const report = JSON.parse(require('node:fs').readFileSync(process.argv[2], 'utf8'));
const counts = report.metadata.vulnerabilities ?? {};
console.log(`pnpm audit: ${Object.entries(counts).map(([level, n]) => `${n} ${level}`).join(', ') || 'no advisories'}`);
for (const advisory of Object.values(report.advisories ?? {})) {
  console.log(`  ${advisory.severity}: ${advisory.module_name} ${advisory.vulnerable_versions} (${advisory.title}) ${advisory.url ?? ''}`);
}
process.exit((counts.high ?? 0) + (counts.critical ?? 0) > 0 ? 1 : 0);
EOF
if [ $? = 0 ]; then
  record 1 0
else
  echo "pnpm audit: high or critical advisories above; update or override those packages"
  record 0 1
  exit 1
fi
