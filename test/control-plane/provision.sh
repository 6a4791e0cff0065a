#!/usr/bin/env bash
# Makes the real test control plane and the desktop tools available on Debian:
# etcd, kube-apiserver and kube-controller-manager (v1.20.2 built from Debian's source package),
# kubectl, redis-server, Xvfb and the X11 tools. Idempotent; prints what it does.
#
# Binaries come from, in order: $KUBEBUILDER_ASSETS (when set), the cache folder
# ($LEBUREAU_CACHE, default ~/.cache/lebureau), or a build from source into that cache.
# Prints the folder holding the three binaries on its last line.
set -euo pipefail

CACHE="${LEBUREAU_CACHE:-$HOME/.cache/lebureau}"
BIN="$CACHE/control-plane/v1.20.2/bin"
SRC="$CACHE/control-plane/src"

say() { printf '[provision] %s\n' "$*" >&2; }
die() { printf '[provision] ERROR: %s\n' "$*" >&2; exit 1; }

[ -r /etc/debian_version ] || die "this script needs Debian (bookworm): /etc/debian_version is missing"
[ "$(id -u)" = 0 ] || die "this script needs root to install Debian packages (run it with sudo)"

apt_updated=0
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ $apt_updated = 0 ]; then say "apt-get update"; apt-get update -qq >&2; apt_updated=1; fi
  say "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 \
    || die "apt-get could not install: ${missing[*]}"
}

# Desktop tools and Redis: needed by every test run.
apt_install redis-server xvfb x11-utils x11-xserver-utils xdotool x11vnc openbox xterm procps ca-certificates curl \
  scrot imagemagick chromium novnc
command -v npm >/dev/null 2>&1 || apt_install nodejs npm
# The Node SSE consumer the stream tests run (seed 003).
clients="$(cd "$(dirname "$0")/../sse-clients" && pwd)"
if [ ! -d "$clients/node_modules/eventsource" ]; then
  say "npm ci in $clients"
  (cd "$clients" && npm ci --no-audit --no-fund >&2) || die "npm ci failed in $clients"
fi
# The official MCP inspector CLI the MCP tests run (@modelcontextprotocol/inspector-cli).
mcp_clients="$(cd "$(dirname "$0")/../mcp-clients" && pwd)"
if [ ! -d "$mcp_clients/node_modules/@modelcontextprotocol/inspector-cli" ]; then
  say "npm ci in $mcp_clients"
  (cd "$mcp_clients" && npm ci --no-audit --no-fund >&2) || die "npm ci failed in $mcp_clients"
fi
command -v kubectl >/dev/null 2>&1 || apt_install kubernetes-client
command -v kubectl >/dev/null 2>&1 || die "kubectl is missing and Debian's kubernetes-client did not provide it"
# Redis is started by the tests on their own ports, never as the system service.
if command -v systemctl >/dev/null 2>&1; then systemctl disable --now redis-server >/dev/null 2>&1 || true; fi

if [ -n "${KUBEBUILDER_ASSETS:-}" ]; then
  for b in etcd kube-apiserver; do
    [ -x "$KUBEBUILDER_ASSETS/$b" ] || die "KUBEBUILDER_ASSETS=$KUBEBUILDER_ASSETS has no executable $b"
  done
  say "using control-plane binaries from KUBEBUILDER_ASSETS=$KUBEBUILDER_ASSETS"
  echo "$KUBEBUILDER_ASSETS"
  exit 0
fi

apt_install etcd-server
mkdir -p "$BIN"
ln -sf "$(command -v etcd || echo /usr/bin/etcd)" "$BIN/etcd"

if [ -x "$BIN/kube-apiserver" ] && [ -x "$BIN/kube-controller-manager" ]; then
  say "control-plane binaries cached in $BIN"
  echo "$BIN"
  exit 0
fi

avail_kb=$(df -Pk "$CACHE" | awk 'NR==2 {print $4}')
[ "$avail_kb" -gt $((6 * 1024 * 1024)) ] || die "the build needs about 6 GiB free under $CACHE; only $((avail_kb / 1024)) MiB are"

say "building kube-apiserver and kube-controller-manager v1.20.2 from Debian's source (about 6 minutes on 2 cores)"
if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
  src=$(grep -l '^Types: deb' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -n1 || true)
  [ -n "$src" ] || die "no Debian .sources entry under /etc/apt/sources.list.d to derive deb-src from"
  say "enabling source packages (deb-src) from $src"
  sed 's/^Types: deb$/Types: deb-src/' "$src" > /etc/apt/sources.list.d/lebureau-src.sources
  apt_updated=0
fi
if [ $apt_updated = 0 ]; then say "apt-get update"; apt-get update -qq >&2; apt_updated=1; fi
apt_install golang-go rsync golang-github-modern-go-reflect2-dev dpkg-dev make

mkdir -p "$SRC"
cd "$SRC"
tree=$(find . -maxdepth 1 -type d -name 'kubernetes-*' | head -n1)
if [ -z "$tree" ]; then
  say "apt-get source kubernetes"
  apt-get source -qq kubernetes >&2 || die "apt-get source kubernetes failed"
  tree=$(find . -maxdepth 1 -type d -name 'kubernetes-*' | head -n1)
fi
[ -n "$tree" ] || die "the kubernetes source tree was not unpacked under $SRC"
cd "$tree"

reflect2=/usr/share/gocode/src/github.com/modern-go/reflect2
[ -d "$reflect2" ] || die "golang-github-modern-go-reflect2-dev did not install $reflect2"
say "replacing vendor/github.com/modern-go/reflect2 with Debian's v1.0.2 (kube-apiserver crashes on CR create otherwise)"
rm -rf vendor/github.com/modern-go/reflect2
cp -r "$reflect2" vendor/github.com/modern-go/reflect2

mkdir -p .go/src/k8s.io
[ -e .go/src/k8s.io/kubernetes ] || ln -s ../../.. .go/src/k8s.io/kubernetes
for what in kube-apiserver kube-controller-manager; do
  say "make WHAT=cmd/$what"
  GOPATH="$PWD/.go" GOFLAGS=-mod=vendor CGO_ENABLED=0 make WHAT="cmd/$what" >&2 || die "building $what failed"
  cp "_output/bin/$what" "$BIN/$what.tmp"
  mv "$BIN/$what.tmp" "$BIN/$what"
done
say "control-plane binaries built into $BIN"
echo "$BIN"
