#!/usr/bin/env bash
# Coverage-guided fuzzing of the node's inbound parsers and the host's payload decoder (SharpFuzz + AFL++).
#
#   tests/SensorNode.Fuzz/run.sh [seconds-per-harness] [target-execs-per-harness] [harness ...]
#
#   quick (CI):  tests/SensorNode.Fuzz/run.sh 25
#   long:        tests/SensorNode.Fuzz/run.sh 3600 1000000
#
# Builds tests/SensorNode.Fuzz, replays the committed corpus uninstrumented, instruments SensorNode.Core.dll with
# the `sharpfuzz` dotnet tool (SharpFuzz.CommandLine 2.3.0, installed with --tool-path, never committed) and runs
# afl-fuzz on each harness until the time is up or the target number of executions is reached. Prints one line
# per harness: executions, rate, corpus, crashes, hangs, peak RSS of the target process. Exits 1 when any harness
# saved a crash, a hang that reproduces outside afl-fuzz, or a committed corpus input fails.
#
# Needs: dotnet SDK, afl++ (Debian package `afl++`). Environment:
#   FUZZ_WORK       work folder (default: a new temporary folder); output in $FUZZ_WORK/out/<harness>
#   FUZZ_ARTIFACTS  dotnet --artifacts-path (default: $FUZZ_WORK/artifacts)
#   FUZZ_TOOLS      where the sharpfuzz tool is (installed there when missing; default: $FUZZ_WORK/tools)
#   FUZZ_TIMEOUT_MS per-input timeout for afl-fuzz (default 5000; the machine may be loaded)
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
seconds="${1:-25}"
target_execs="${2:-0}"
shift $(( $# > 2 ? 2 : $# )) || true
harnesses=("$@")
[ ${#harnesses[@]} -eq 0 ] && harnesses=(config command provisioning decoder)

work="${FUZZ_WORK:-$(mktemp -d)}"
artifacts="${FUZZ_ARTIFACTS:-$work/artifacts}"
tools="${FUZZ_TOOLS:-$work/tools}"
timeout_ms="${FUZZ_TIMEOUT_MS:-5000}"
mkdir -p "$work/out"

command -v afl-fuzz >/dev/null || { echo "run.sh: afl-fuzz not found (apt-get install afl++)" >&2; exit 2; }
if [ ! -x "$tools/sharpfuzz" ]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null
fi

echo "== build"
dotnet build "$here/SensorNode.Fuzz.csproj" -c Release --artifacts-path "$artifacts" -nologo -v q >"$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 2; }
plain="$artifacts/bin/SensorNode.Fuzz/release"
inst="$work/instrumented"
rm -rf "$inst" && cp -r "$plain" "$inst"
"$tools/sharpfuzz" "$inst/SensorNode.Core.dll" >/dev/null

status=0
echo "== replay of the committed corpus (uninstrumented)"
for h in "${harnesses[@]}"; do
  dotnet "$plain/SensorNode.Fuzz.dll" replay "$h" "$here/corpus/$h" || status=1
done

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 \
       AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_FORKSRV_INIT_TMOUT=120000 AFL_SKIP_CRASHES=0 \
       DOTNET_TieredCompilation=1 DOTNET_gcServer=0

# Highest VmHWM (peak resident set) over the processes under $1, sampled until $1 exits.
sample_peak() {
  local root=$1 file=$2 peak=0 kb pid
  while kill -0 "$root" 2>/dev/null; do
    for pid in $(pgrep -P "$root" 2>/dev/null); do
      kb=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
      [ -n "$kb" ] && [ "$kb" -gt "$peak" ] && peak=$kb
    done
    echo "$peak" >"$file"
    sleep 1
  done
}

afl_stat() { awk -v k="$1" -F' *: *' '$1 == k {print $2}' "$2"; }

summary="$work/summary.txt"
printf '%-13s %12s %9s %8s %8s %6s %8s %12s\n' harness execs execs/s seconds corpus crashes hangs peak_rss_MB | tee "$summary"
for h in "${harnesses[@]}"; do
  out="$work/out/$h"
  rm -rf "$out"
  limit=(-V "$seconds")
  [ "$target_execs" -gt 0 ] && limit+=(-E "$target_execs")
  afl-fuzz "${limit[@]}" -t "$timeout_ms" -m none -i "$here/corpus/$h" -o "$out" \
    -- dotnet "$inst/SensorNode.Fuzz.dll" fuzz "$h" >"$work/afl-$h.log" 2>&1 &
  afl=$!
  sample_peak "$afl" "$work/peak-$h" &
  sampler=$!
  wait "$afl" || { echo "afl-fuzz failed for $h:"; tail -20 "$work/afl-$h.log"; status=1; }
  wait "$sampler" 2>/dev/null || true
  stats="$out/default/fuzzer_stats"
  if [ ! -f "$stats" ]; then status=1; continue; fi
  execs=$(afl_stat execs_done "$stats")
  start=$(afl_stat start_time "$stats"); last=$(afl_stat last_update "$stats")
  elapsed=$(( last - start )); [ "$elapsed" -lt 1 ] && elapsed=1
  crashes=$(afl_stat saved_crashes "$stats")
  hangs=$(afl_stat saved_hangs "$stats")
  corpus=$(afl_stat corpus_count "$stats")
  peak_kb=$(cat "$work/peak-$h" 2>/dev/null || echo 0)
  printf '%-13s %12s %9s %8s %8s %6s %8s %12s\n' "$h" "$execs" "$(( execs / elapsed ))" "$elapsed" "$corpus" "$crashes" "$hangs" "$(( peak_kb / 1024 ))" | tee -a "$summary"
  if [ "${crashes:-0}" -gt 0 ]; then
    status=1
    echo "CRASH in $h: inputs in $out/default/crashes; replay:"
    dotnet "$plain/SensorNode.Fuzz.dll" replay "$h" "$out/default/crashes" || true
  fi
  # afl-fuzz counts a hang when one input exceeds the timeout; on a loaded machine that can be the scheduler.
  # A hang counts only when it still takes longer than 10 s on its own.
  for f in "$out"/default/hangs/id*; do
    [ -e "$f" ] || continue
    if ! timeout 10 dotnet "$plain/SensorNode.Fuzz.dll" replay "$h" "$f" >/dev/null 2>&1; then
      echo "HANG reproduces in $h: $f"; status=1
    fi
  done
done

echo "work folder: $work (afl output in out/<harness>/default)"
[ $status -eq 0 ] && echo "fuzz: OK, 0 crashes" || echo "fuzz: FAILED"
exit $status
