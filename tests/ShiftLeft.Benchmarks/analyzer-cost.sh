#!/usr/bin/env bash
# Analyzer cost, measured the way users pay it: pack ShiftLeft, build real projects against the package with
# ReportAnalyzer, once with ShiftLeft's analyzers and once without them (ShiftLeftRunAnalyzers=false removes them
# from the compilation), same machine, same run. A build with findings exits non-zero; its timings still count. Prints the Csc task time, the total
# analyzer time, the CPU time of the whole build (user + system, all processes) and each ShiftLeft analyzer's time.
#   usage: analyzer-cost.sh [endpoints=200] [runs=2]      (also measures samples/ModelGateway*)
#          SHAPE=solution analyzer-cost.sh [lines=100000] [runs=1]   (the multi-project service solution only)
#   SERVER=1 builds through the compiler server (UseSharedCompilation=true, the .NET SDK's default; this machine's
#   environment turns it off): WARMUPS (default 3) warm-up builds with ShiftLeft first, printed as runs w1, w2, …, so that
#   JIT start-up and tiering are paid before the timed runs, as on a developer machine whose server has built the code before.
#   NODES=n limits MSBuild to n build nodes (-m:n).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
shape="${SHAPE:-endpoints}"
if [ "$shape" = solution ]; then size="${1:-100000}"; runs="${2:-1}"; else size="${1:-200}"; runs="${2:-2}"; fi
work="$(mktemp -d "${TMPDIR:-/tmp}/shiftleft-cost.XXXXXX")"
cleanup() { [ -z "${SERVER:-}" ] || dotnet build-server shutdown >/dev/null 2>&1; [ -n "${KEEP:-}" ] || rm -rf "$work"; }
trap cleanup EXIT
set +o pipefail
version="0.1.0-cost.$(date +%Y%m%d%H%M%S)"
user_packages="$(dotnet nuget locals global-packages --list | sed -e 's/^global-packages: //')"
dotnet pack "$root/build/ShiftLeft.Package/ShiftLeft.Package.csproj" -c Release -o "$work/feed" -p:Version="$version" -nologo -v:q >/dev/null
cat > "$work/nuget.config" <<CONFIG
<configuration>
  <config><add key="globalPackagesFolder" value="$work/packages" /></config>
  <packageSources><add key="shiftleft-local" value="$work/feed" /></packageSources>
  <fallbackPackageFolders><add key="user" value="$user_packages" /></fallbackPackageFolders>
</configuration>
CONFIG
if [ "$shape" = solution ]; then
  dotnet run --project "$here/ShiftLeft.Benchmarks.csproj" -c Release -- solution "$size" "$work/solution" "$version" | tail -1
  (cd "$work/solution" && dotnet new sln -n Services --format sln >/dev/null && xargs dotnet sln Services.sln add < projects.txt >/dev/null)
else
  dotnet run --project "$here/ShiftLeft.Benchmarks.csproj" -c Release -- endpoints "$size" "$work/endpoints" "$version" | tail -1
fi
mkdir -p "$work/samples"; cp "$root/samples/Directory.Build.props" "$work/samples/"
for s in ModelGateway ModelGateway.Vulnerable; do cp -r "$root/samples/$s" "$work/samples/"; rm -rf "$work/samples/$s/bin" "$work/samples/$s/obj"; done

build_args=()
if [ -n "${SERVER:-}" ]; then build_args=(-p:UseSharedCompilation=true); export UseSharedCompilation=true; fi
# NODES=1 builds one project at a time (-m:1), so that two compilations do not share the two cores and ReportAnalyzer's
# wall-clock times are not stretched by the other compilation.
[ -z "${NODES:-}" ] || build_args+=("-m:$NODES")

build_once() { # dir label preset run: one timed build, one line of results
  local dir="$1" label="$2" preset="$3" run="$4"
  local log="$work/$label.$preset.$run.log"
  local cpu
  cpu=$( { TIMEFORMAT='%U %S'; time dotnet build "$dir" --no-restore --no-incremental -nologo -p:ShiftLeftVersion="$version" -p:ShiftLeftRunAnalyzers="$preset" \
    ${build_args[@]+"${build_args[@]}"} -p:ReportAnalyzer=true -v:d -clp:PerformanceSummary > "$log" 2>&1; } 2>&1 | awk '{printf "%.0f", $1 + $2}' ) || true
  [ -z "${SERVER:-}" ] || cpu="n/a" # the server's CPU is not the build's child process time
  local csc total sl
  csc=$(grep -E "^\s+[0-9]+ ms\s+Csc\s" "$log" | awk '{print $1}' | head -1)
  # Summed over the projects of a solution (one ReportAnalyzer block per Csc call).
  total=$(grep -E "Total analyzer execution time" "$log" | grep -oE "[0-9.]+ seconds" | awk '{s+=$1} END {if (NR) printf "%.3f seconds", s; else print "n/a"}')
  sl=$(grep -E "^\s+[0-9.]+\s+[0-9]+\s+ShiftLeft.Analyzers, Version" "$log" | awk '{s+=$1} END {if (NR) printf "%.3f s", s}')
  local share=""
  if [ -n "$sl" ] && [ -n "$csc" ]; then share=$(awk -v s="${sl% s}" -v c="$csc" 'BEGIN {printf " (%.1f %% of Csc)", 100 * s * 1000 / c}'); fi
  printf '%-28s shiftleft=%-5s run %-3s: Csc %6s ms | build CPU %5s s | all analyzers %-14s | ShiftLeft %s%s\n' "$label" "$preset" "$run" "${csc:-?}" "${cpu:-?}" "$total" "${sl:-0 s (off)}" "$share"
}

measure() { # project-or-solution-dir label
  local dir="$1" label="$2"
  cp "$work/nuget.config" "$dir/"
  [ -f "$dir/Services.sln" ] && dir="$dir/Services.sln"
  dotnet restore "$dir" -p:ShiftLeftVersion="$version" -nologo -v:q > "$work/$label.restore.log" 2>&1 || { cat "$work/$label.restore.log"; exit 1; }
  if [ -n "${SERVER:-}" ]; then
    # Warm the compiler server and its JIT of the compiler and the analyzers: a developer's server has compiled this code
    # before. The runtime first runs new code unoptimised and recompiles hot methods in the background, so one build is
    # not enough; the warm-up builds are printed (as run w1, w2, ...) to show where the times settle.
    for w in $(seq 1 "${WARMUPS:-3}"); do build_once "$dir" "$label" true "w$w"; done
  fi
  # With and without alternate in ABBA order (run 1 with then without, run 2 without then with, …), so that machine drift
  # and a server that is still getting faster hit both alike.
  for run in $(seq 1 "$runs"); do
    local order="true false"
    [ $((run % 2)) -eq 1 ] || order="false true"
    for preset in $order; do
      build_once "$dir" "$label" "$preset" "$run"
      if [ "$preset" = true ] && [ "$run" = "$runs" ]; then
        grep -E "^\s+[0-9.]+\s+[0-9]+\s+ShiftLeft\.Analyzers\.[A-Za-z0-9.]+ \(" "$work/$label.$preset.$run.log" | awk '{t[$3]+=$1} END {for (k in t) printf "    %8.3f s  %s\n", t[k], k}' | sort -rn
      fi
    done
  done
}
if [ "$shape" = solution ]; then
  measure "$work/solution" "generated-solution-${size}-lines"
  exit 0
fi
measure "$work/endpoints" "generated-${size}-endpoints"
measure "$work/samples/ModelGateway" "ModelGateway"
measure "$work/samples/ModelGateway.Vulnerable" "ModelGateway.Vulnerable"
