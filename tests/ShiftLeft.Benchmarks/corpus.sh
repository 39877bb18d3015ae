#!/usr/bin/env bash
# Scores the SL3xxx analyzers on freshly generated secrets corpora (dev loop, not a unit test).
# usage: corpus.sh [seed...]   (default seeds: 1 2 3); needs a Release build of ShiftLeft.Analyzers.
# Default: builds each corpus against the analyzer DLL directly and adds the config files as
# AdditionalFiles (what the NuGet package does in a real run).
# PACKAGE_DIR=/dir/with/ShiftLeft.*.nupkg corpus.sh ... : packaged run instead (PackageReference to the
# packed ShiftLeft package through a local feed and an isolated package folder; the package's own
# props add the config files).
# CORPUS=dir with templates/ (default: the shared dev corpus ../shared/corpus/secrets; tests/ShiftLeft.Benchmarks/holdout
# is a small self-made corpus in other styles). The shared corpus's gen.py and score.py are always used, never copied.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
SHARED_CORPUS="$(cd "$REPO/../shared/corpus/secrets" && pwd)"
CORPUS="$(cd "${CORPUS:-$SHARED_CORPUS}" && pwd)"
if [ "$CORPUS" != "$SHARED_CORPUS" ]; then
  # gen.py reads templates/ next to itself: run the shared script through a link beside these templates.
  staged="$(mktemp -d)"
  ln -s "$SHARED_CORPUS/gen.py" "$staged/gen.py"
  ln -s "$SHARED_CORPUS/score.py" "$staged/score.py"
  ln -s "$CORPUS/templates" "$staged/templates"
  CORPUS="$staged"
fi
DLL="$REPO/analyzers/ShiftLeft.Analyzers/bin/Release/netstandard2.0/ShiftLeft.Analyzers.dll"
OUT_ROOT="${OUT_ROOT:-$(mktemp -d)}"
if [ -z "${PACKAGE_DIR:-}" ]; then
  [ -f "$DLL" ] || { echo "build analyzers/ShiftLeft.Analyzers -c Release first" >&2; exit 2; }
fi
seeds=("$@"); [ ${#seeds[@]} -gt 0 ] || seeds=(1 2 3)
for seed in "${seeds[@]}"; do
  dir="$OUT_ROOT/seed$seed"
  rm -rf "$dir"
  python3 "$CORPUS/gen.py" --out "$dir" --seed "$seed" >/dev/null
  if [ -n "${PACKAGE_DIR:-}" ]; then
    nupkg=$(ls "$PACKAGE_DIR"/ShiftLeft.*.nupkg | head -1)
    version=$(basename "$nupkg" .nupkg); version=${version#ShiftLeft.}
    cat > "$dir/nuget.config" <<CFG
<configuration>
  <config><add key="globalPackagesFolder" value="$OUT_ROOT/packages" /></config>
  <!-- no <clear/>: the user-level sources (the mirror) still serve the corpus's other packages -->
  <packageSources><add key="shiftleft-local" value="$PACKAGE_DIR" /></packageSources>
</configuration>
CFG
    cat > "$dir/Directory.Build.props" <<PROPS
<Project>
  <ItemGroup>
    <PackageReference Include="ShiftLeft" Version="$version" PrivateAssets="all" />
  </ItemGroup>
</Project>
PROPS
  else
  cat > "$dir/Directory.Build.props" <<PROPS
<Project>
  <ItemGroup>
    <Analyzer Include="$DLL" />
    <AdditionalFiles Include="**/appsettings*.json;**/launchSettings.json;**/secrets*.json;**/.env;**/.env.*;**/*.env;**/*.config" Exclude="bin/**;obj/**" />
  </ItemGroup>
</Project>
PROPS
  fi
  (cd "$dir" && dotnet build -nologo -v:q -p:ErrorLog=out.sarif%2Cversion=2.1 >build.log 2>&1 || true)
  echo "== seed $seed"
  python3 "$CORPUS/score.py" --labels "$dir/labels.csv" --root "$dir" "$dir/out.sarif" ${SCORE_ARGS:-}
done
