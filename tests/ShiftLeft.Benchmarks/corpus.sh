#!/usr/bin/env bash
# Scores the SL3xxx analyzers on freshly generated secrets corpora (dev loop, not a unit test).
# usage: corpus.sh [seed...]   (default seeds: 1 2 3); needs a Release build of ShiftLeft.Analyzers.
# Builds each corpus against the analyzer DLL directly and adds the config files as AdditionalFiles
# (the NuGet package does the latter in a real run).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
CORPUS="${CORPUS:-/work/shared/corpus/secrets}"
DLL="$REPO/analyzers/ShiftLeft.Analyzers/bin/Release/netstandard2.0/ShiftLeft.Analyzers.dll"
OUT_ROOT="${OUT_ROOT:-$(mktemp -d)}"
[ -f "$DLL" ] || { echo "build analyzers/ShiftLeft.Analyzers -c Release first" >&2; exit 2; }
seeds=("$@"); [ ${#seeds[@]} -gt 0 ] || seeds=(1 2 3)
for seed in "${seeds[@]}"; do
  dir="$OUT_ROOT/seed$seed"
  rm -rf "$dir"
  python3 "$CORPUS/gen.py" --out "$dir" --seed "$seed" >/dev/null
  cat > "$dir/Directory.Build.props" <<PROPS
<Project>
  <ItemGroup>
    <Analyzer Include="$DLL" />
    <AdditionalFiles Include="**/appsettings*.json;**/launchSettings.json;**/secrets*.json;**/.env;**/.env.*;**/*.env;**/*.config" Exclude="bin/**;obj/**" />
  </ItemGroup>
</Project>
PROPS
  (cd "$dir" && dotnet build -nologo -v:q -p:ErrorLog=out.sarif%2Cversion=2.1 >build.log 2>&1 || true)
  echo "== seed $seed"
  python3 "$CORPUS/score.py" --labels "$dir/labels.csv" --root "$dir" "$dir/out.sarif" ${SCORE_ARGS:-}
done
