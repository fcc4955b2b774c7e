#!/bin/sh
# Builds the package fuzzer with clang (libFuzzer + ASan + UBSan) into BUILD_DIR/fuzz, recompiling
# only what changed, and runs it for FUZZ_SECONDS (default 45) seeded with tests/packages/.
# Usage: tests/fuzz/run.sh SOURCE_DIR BUILD_DIR     (ctest runs it as the test "package_fuzz")
set -eu
SRC=$(cd "$1" && pwd)
OUT="$2/fuzz"
SECONDS_TO_RUN=${FUZZ_SECONDS:-45}
CXX=${FUZZ_CXX:-/usr/bin/clang++}
mkdir -p "$OUT/obj" "$OUT/corpus" "$OUT/inc"
[ -e "$OUT/inc/nlohmann" ] || ln -s /usr/include/nlohmann "$OUT/inc/nlohmann"
FLAGS="-std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I$SRC -isystem $OUT/inc -DCERTDESK_SOURCE_DIR=\"$SRC\""

objects=""
stale=""
# The domain's sources as domain/CMakeLists.txt lists them (not a glob: files in progress stay out).
sources=$(sed -n '/add_library(domain STATIC/,/)/p' "$SRC/domain/CMakeLists.txt" | grep -o '[a-z_0-9]*\.cpp' | sed "s|^|$SRC/domain/|")
for cpp in $sources "$SRC/tests/fuzz/package_fuzz.cpp"; do
  obj="$OUT/obj/$(basename "$cpp" .cpp).o"
  objects="$objects $obj"
  # Rebuild when the source or any domain header is newer than the object.
  if [ ! -e "$obj" ] || [ "$cpp" -nt "$obj" ] || [ -n "$(find "$SRC/domain" -name '*.hpp' -newer "$obj" | head -1)" ]; then
    stale="$stale $cpp"
  fi
done
# Stale objects are compiled on every core (a clean build is most of this test's time).
if [ -n "$stale" ]; then
  export CXX FLAGS OUT
  # shellcheck disable=SC2016,SC2086
  printf '%s\n' $stale | xargs -P "$(nproc)" -I{} sh -c \
    'echo "clang++ $(basename "$1")"; $CXX $FLAGS -c "$1" -o "$OUT/obj/$(basename "$1" .cpp).o"' sh {}
fi
# shellcheck disable=SC2086
$CXX $FLAGS $objects -o "$OUT/package_fuzz"

# Crashes land in $OUT as crash-*; the run fails on any finding.
cd "$OUT"
./package_fuzz corpus "$SRC/tests/packages" -max_total_time="$SECONDS_TO_RUN" -max_len=65536 \
  -rss_limit_mb=2048 -print_final_stats=1 >fuzz.log 2>&1 || { tail -60 fuzz.log; exit 1; }
grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ *DONE)" fuzz.log || tail -5 fuzz.log
