#!/usr/bin/env bash
# The main job on a bundled sample: pack ShiftLeft to a local feed, build the ModelGateway sample
# (written safely: it must build with no ShiftLeft finding) and its vulnerable twin (whose build
# ShiftLeft must break), and print the findings. Exit 0 when both behave as expected.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/shiftleft-sample.XXXXXX")"
trap 'rm -rf "$work"' EXIT
version="0.1.0-sample.$(date +%Y%m%d%H%M%S)"
user_packages="$(dotnet nuget locals global-packages --list | sed -e 's/^global-packages: //')"

echo "==> Packing ShiftLeft $version"
dotnet pack "$root/build/ShiftLeft.Package/ShiftLeft.Package.csproj" -c Release -o "$work/feed" -p:Version="$version" -nologo -v:q

cat > "$work/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config><add key="globalPackagesFolder" value="$work/packages" /></config>
  <packageSources><add key="shiftleft-local" value="$work/feed" /></packageSources>
  <fallbackPackageFolders><add key="user" value="$user_packages" /></fallbackPackageFolders>
</configuration>
CONFIG

build_sample() {
  local name="$1"
  local project="$root/samples/$name/$name.csproj"
  rm -rf "$root/samples/$name/bin" "$root/samples/$name/obj"
  dotnet restore "$project" --configfile "$work/nuget.config" -p:ShiftLeftVersion="$version" -nologo -v:q >/dev/null
  set +e
  dotnet build "$project" --no-restore -nologo -p:ShiftLeftVersion="$version" \
    -p:ErrorLog="$work/$name.sarif%2Cversion=2.1" > "$work/$name.log" 2>&1
  local status=$?
  set -e
  echo "$status"
}

echo "==> Building samples/ModelGateway (safe)"
safe_status=$(build_sample ModelGateway)
safe_findings=$(grep -E ": (error|warning) SL[0-9]{4}" "$work/ModelGateway.log" | sort -u || true)

echo "==> Building samples/ModelGateway.Vulnerable"
vuln_status=$(build_sample ModelGateway.Vulnerable)
vuln_findings=$(grep -E ": (error|warning) SL[0-9]{4}" "$work/ModelGateway.Vulnerable.log" | sed -e "s#$root/##" -e 's# \[/.*\]$##' | sort -u || true)

echo
echo "ModelGateway: build exit $safe_status, $(printf '%s' "$safe_findings" | grep -c . || true) ShiftLeft findings"
echo "ModelGateway.Vulnerable: build exit $vuln_status, $(printf '%s' "$vuln_findings" | grep -c . || true) ShiftLeft findings:"
printf '%s\n' "$vuln_findings" | sed -e 's/^/  /'
out="$root/artifacts/sample"
mkdir -p "$out"
cp "$work"/*.sarif "$work"/*.log "$out"/
echo
echo "Build logs and SARIF 2.1 (for code scanning) are in artifacts/sample/."

if [ "$safe_status" -ne 0 ] || [ -n "$safe_findings" ]; then
  echo "FAILED: the safe sample must build cleanly" >&2
  cat "$work/ModelGateway.log" >&2
  exit 1
fi
if [ "$vuln_status" -eq 0 ] || [ -z "$vuln_findings" ]; then
  echo "FAILED: ShiftLeft must break the vulnerable sample's build" >&2
  exit 1
fi
echo "OK: ShiftLeft passes the safe sample and breaks the vulnerable one."
