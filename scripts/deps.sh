#!/usr/bin/env bash
# deps.sh GROUP...: install the Debian packages a make target needs, skipping those that
# are already there. Runs apt-get as root, or through sudo.
#   build   cgo and the libraries ebiten links against (the game)
#   race    gcc for the race detector
#   xvfb    a virtual X display and xdotool, for the game's tests
#   cross   qemu-user-static and node, to run the model's tests on arm64 and wasm
#   browser chromium, for the browser build's smoke test
#   postgres PostgreSQL's server, for the lecture hall's tests (they initdb a throwaway one)
set -euo pipefail

declare -A groups=(
  [race]="gcc libc6-dev"
  [build]="gcc pkg-config libc6-dev libgl1-mesa-dev libx11-dev libxcursor-dev libxi-dev libxinerama-dev libxrandr-dev libxxf86vm-dev libasound2-dev"
  [xvfb]="xvfb xauth xdotool"
  [cross]="qemu-user-static nodejs"
  [browser]="chromium"
  [postgres]="postgresql"
)

want=()
for g in "$@"; do
  [[ -n "${groups[$g]:-}" ]] || { echo "deps.sh: unknown group $g" >&2; exit 2; }
  for p in ${groups[$g]}; do
    # node from elsewhere (nvm, NodeSource) is as good as Debian's.
    if [[ $p == nodejs ]] && command -v node >/dev/null; then continue; fi
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
      want+=("$p")
    fi
  done
done
[[ ${#want[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null; then
  sudo=(sudo)
else
  echo "deps.sh: need root or sudo to install: ${want[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${want[*]}"
export DEBIAN_FRONTEND=noninteractive
# Refresh the package lists once a day at most.
if [[ -z $(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -1) ]]; then
  "${sudo[@]}" apt-get update -q >/dev/null
fi
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${want[@]}" >/dev/null
