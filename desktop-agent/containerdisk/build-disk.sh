#!/usr/bin/env bash
# Builds desktop-agent/containerdisk/disk.qcow2: Debian 12 (bookworm) with XFCE on Xvfb, x11vnc,
# cloud-init and the self-contained desktop agent, run by the systemd units in this folder. The
# operator's cloud-init user data then writes /etc/lebureau/agent-token and agent.env and restarts
# lebureau-agent.service.
#
# Prerequisites (Debian/Ubuntu host, no root needed except to install them):
#   - libguestfs-tools (virt-builder, virt-customize, virt-sparsify) and qemu-utils:
#       sudo apt-get install -y libguestfs-tools qemu-utils
#     libguestfs boots a small appliance VM: /dev/kvm makes it fast (it works without, slowly);
#     on Ubuntu the kernel image must be readable: sudo chmod 0644 /boot/vmlinuz-*
#   - internet access: virt-builder downloads the debian-12 template, apt installs the packages
#   - the .NET 10 SDK, to publish the agent (or pass a published folder with --agent DIR)
#
# Usage: build-disk.sh [--size 20G] [--agent DIR] [--output disk.qcow2]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
size=20G
agent=""
output="$here/disk.qcow2"
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size="$2"; shift 2 ;;
    --agent) agent="$2"; shift 2 ;;
    --output) output="$2"; shift 2 ;;
    *) echo "usage: $0 [--size 20G] [--agent DIR] [--output disk.qcow2]" >&2; exit 2 ;;
  esac
done
for tool in virt-builder virt-sparsify qemu-img; do
  command -v "$tool" >/dev/null || { echo "build-disk: $tool is missing (apt-get install libguestfs-tools qemu-utils)" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -z "$agent" ]; then
  agent="$work/agent"
  dotnet publish "$repo/desktop-agent/LeBureau.DesktopAgent" -c Release -r linux-x64 --self-contained -o "$agent"
fi
mkdir -p "$work/opt/lebureau"
cp -a "$agent" "$work/opt/lebureau/agent"

# The image boots on KubeVirt's NoCloud data source (the cloud-init Secret); the agent is reached on
# the pod network through masquerade, so the guest firewall stays open on the agent port only.
virt-builder debian-12 \
  --format qcow2 --size "$size" --output "$work/disk.qcow2" \
  --hostname lebureau-desktop \
  --update \
  --install "cloud-init,cloud-guest-utils,qemu-guest-agent,xvfb,x11vnc,xfce4-session,xfwm4,xfdesktop4,xfce4-panel,xfce4-terminal,thunar,dbus-x11,libx11-6,libxtst6,libxext6,x11-utils,fonts-dejavu-core,ca-certificates,libssl3,curl,sudo" \
  --run-command 'useradd --create-home --uid 1000 --shell /bin/bash desktop' \
  # Agents install software (apt) as the desktop user, like a person at their own machine would.
  --run-command 'echo "desktop ALL=(ALL) NOPASSWD:ALL" > /etc/sudoers.d/desktop && chmod 0440 /etc/sudoers.d/desktop' \
  --run-command 'mkdir -p /etc/lebureau && chmod 0700 /etc/lebureau' \
  --copy-in "$work/opt/lebureau:/opt" \
  --copy-in "$here/lebureau-xvfb.service:/etc/systemd/system" \
  --copy-in "$here/lebureau-session.service:/etc/systemd/system" \
  --copy-in "$here/lebureau-agent.service:/etc/systemd/system" \
  --run-command 'chmod 0644 /etc/systemd/system/lebureau-*.service' \
  --run-command 'systemctl enable lebureau-xvfb.service lebureau-session.service lebureau-agent.service qemu-guest-agent.service cloud-init.service' \
  --run-command 'printf "datasource_list: [ NoCloud, None ]\n" > /etc/cloud/cloud.cfg.d/90-lebureau.cfg' \
  --run-command 'apt-get clean && rm -rf /var/lib/apt/lists/*' \
  --run-command 'cloud-init clean --logs --machine-id' \
  --root-password disabled

# Drop free blocks and compress: the containerDisk image is pulled onto every node that runs a desktop.
virt-sparsify --compress "$work/disk.qcow2" "$output"
qemu-img info "$output"
echo "build-disk: wrote $output; now: docker build -t ghcr.io/lebureau/desktop-containerdisk:<tag> $here"
