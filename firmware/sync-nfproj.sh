#!/usr/bin/env bash
# Rewrites the Compile list of every .nfproj under firmware/ and tests/ from the .cs files in its folder,
# so the device build compiles exactly what the .NET build compiles. Files under bin/, obj/ and any
# folder named DesktopOnly/ are left out (they exist only for the .NET side, e.g. the xunit adapter).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
for proj in $(find "$root/firmware" "$root/tests" -name '*.nfproj'); do
  dir=$(dirname "$proj")
  list=$(cd "$dir" && find . -name '*.cs' -not -path './bin/*' -not -path './obj/*' -not -path '*/DesktopOnly/*' \
         | sed 's|^\./||' | LC_ALL=C sort | sed 's|/|\\|g' | sed 's|.*|    <Compile Include="&" />|')
  awk -v list="$list" '
    /<!-- BEGIN COMPILE/ { print; print list; skip=1; next }
    /<!-- END COMPILE/ { skip=0 }
    !skip { print }' "$proj" > "$proj.tmp"
  mv "$proj.tmp" "$proj"
done
