#!/usr/bin/env bash
# End-to-end run of Le Bureau the way a user installs it: a k3d cluster, KubeVirt (or desktops as
# pods), the Helm chart, then the quickstart through the REST API — create a desktop, wait for
# agentReady, click, take a screenshot, stop, delete.
#
# NOT RUN IN OUR CI: it needs a Docker engine, k3d, helm and internet access (images, KubeVirt's
# manifests), none of which the CI machines have. The CI covers the same manifests with
# test/LeBureau.Deploy.Tests (kustomize + server-side dry run, chart schema and RBAC checks).
#
# Prerequisites: docker, k3d (v5), kubectl, helm (v3), curl, jq, the repository checked out.
# For the kubevirt runtime: a containerDisk image of the desktop (desktop-agent/containerdisk:
# build-disk.sh, then docker build) given with --disk-image; nodes get /dev/kvm when the host has it,
# else KubeVirt runs in software emulation (slow: the agent may need several minutes to come up).
#
# Usage: test/e2e/k3d.sh [--pod-runtime] [--disk-image IMAGE] [--cluster NAME] [--keep]
#   --pod-runtime   desktops as pods (no KubeVirt, no KVM needed; needs the operator's pod runtime)
#   --disk-image    containerDisk image for desktops (kubevirt runtime); imported into the cluster
#   --cluster       k3d cluster name (default lebureau-e2e)
#   --keep          leave the cluster running afterwards
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
cluster=lebureau-e2e
runtime=kubevirt
disk_image=""
keep=false
tag="e2e-$(date +%s)"
kubevirt_version="${KUBEVIRT_VERSION:-v1.5.0}"
namespace=lebureau-system
tenant=e2e-tenant
port=18080

while [ $# -gt 0 ]; do
  case "$1" in
    --pod-runtime) runtime=pod; shift ;;
    --disk-image) disk_image="$2"; shift 2 ;;
    --cluster) cluster="$2"; shift 2 ;;
    --keep) keep=true; shift ;;
    *) sed -n '2,22p' "$0" >&2; exit 2 ;;
  esac
done

step() { printf '\n== %s\n' "$*"; }
fail() { echo "e2e: $*" >&2; exit 1; }
for tool in docker k3d kubectl helm curl jq; do command -v "$tool" >/dev/null || fail "$tool is missing"; done
[ "$runtime" = pod ] || [ -n "$disk_image" ] || fail "the kubevirt runtime needs --disk-image (or use --pod-runtime)"

# Polls "$@" every 2 s until it succeeds or $deadline seconds have passed.
wait_until() {
  local what="$1" deadline="$2"; shift 2
  local end=$((SECONDS + deadline))
  until "$@"; do
    [ "$SECONDS" -lt "$end" ] || fail "timed out after ${deadline}s waiting for $what"
    sleep 2
  done
}

pf_pid=""
cleanup() {
  [ -z "$pf_pid" ] || kill "$pf_pid" 2>/dev/null || true
  if [ "$keep" = false ]; then k3d cluster delete "$cluster" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

step "images (tag $tag)"
docker build -f "$repo/operator/Dockerfile" -t "ghcr.io/lebureau/operator:$tag" "$repo"
docker build -f "$repo/api-server/Dockerfile" -t "ghcr.io/lebureau/api-server:$tag" "$repo"
images=("ghcr.io/lebureau/operator:$tag" "ghcr.io/lebureau/api-server:$tag")
if [ "$runtime" = pod ]; then
  docker build -f "$repo/desktop-agent/Dockerfile" -t "ghcr.io/lebureau/desktop:$tag" "$repo"
  images+=("ghcr.io/lebureau/desktop:$tag")
else
  images+=("$disk_image")
fi

step "cluster $cluster"
kvm_volume=()
[ -e /dev/kvm ] && kvm_volume=(--volume "/dev/kvm:/dev/kvm@all")
k3d cluster create "$cluster" --agents 1 --wait "${kvm_volume[@]}"
k3d image import --cluster "$cluster" "${images[@]}"

if [ "$runtime" = kubevirt ]; then
  step "KubeVirt $kubevirt_version"
  base="https://github.com/kubevirt/kubevirt/releases/download/$kubevirt_version"
  kubectl apply -f "$base/kubevirt-operator.yaml"
  kubectl apply -f "$base/kubevirt-cr.yaml"
  if [ ! -e /dev/kvm ]; then
    kubectl -n kubevirt patch kubevirt kubevirt --type merge \
      -p '{"spec":{"configuration":{"developerConfiguration":{"useEmulation":true}}}}'
  fi
  kubectl -n kubevirt wait kubevirt/kubevirt --for condition=Available --timeout=15m
fi

step "helm install"
set_args=(
  --set "operator.image.tag=$tag" --set "apiServer.image.tag=$tag"
  --set "operator.runtime=$runtime"
  --set "operator.namespaces={$tenant}"
)
if [ "$runtime" = pod ]; then
  set_args+=(--set kubevirt.instancetypes.enabled=false --set "desktops.podImage.tag=$tag")
else
  set_args+=(--set "desktops.containerDisk.repository=${disk_image%:*}" --set "desktops.containerDisk.tag=${disk_image##*:}")
fi
kubectl create namespace "$tenant"
helm install lebureau "$repo/charts/lebureau" --namespace "$namespace" --create-namespace --wait --timeout 10m "${set_args[@]}"
kubectl -n "$namespace" get pods -o wide

step "API key in $tenant"
kubectl -n "$tenant" apply -f - <<YAML
apiVersion: lebureau.io/v1alpha1
kind: ApiKey
metadata:
  name: e2e
spec:
  description: k3d end-to-end run
  capabilities: ["desktop:read", "desktop:manage", "desktop:lifecycle", "desktop:control"]
YAML
secret_name() { kubectl -n "$tenant" get apikey e2e -o jsonpath='{.status.secretName}' 2>/dev/null | grep -q . ; }
wait_until "the API key's Secret" 60 secret_name
key="$(kubectl -n "$tenant" get secret "$(kubectl -n "$tenant" get apikey e2e -o jsonpath='{.status.secretName}')" -o jsonpath='{.data.apiKey}' | base64 -d)"

step "port-forward the api-server to localhost:$port"
kubectl -n "$namespace" port-forward svc/lebureau-api-server "$port:80" >/dev/null 2>&1 &
pf_pid=$!
api="http://127.0.0.1:$port"
reachable() { curl -fsS -o /dev/null "$api/openapi/v1.json"; }
wait_until "the api-server" 60 reachable
call() { curl -fsS -H "Authorization: Bearer $key" -H 'Content-Type: application/json' "$@"; }

step "quickstart: create a desktop"
desktop="$(call -X POST "$api/api/desktops" -d '{"name":"e2e desk","tier":"free"}')"
echo "$desktop" | jq .
id="$(echo "$desktop" | jq -r .id)"

step "wait for agentReady"
agent_ready() { [ "$(call "$api/api/desktops/$id" | jq -r .agentReady)" = true ]; }
wait_until "agentReady" 900 agent_ready
call "$api/api/desktops/$id" | jq .

step "click, screenshot"
call -X POST "$api/v1/desktops/$id/click" -d '{"x":100,"y":100}' | jq .
call "$api/v1/desktops/$id/screenshot" -o "$repo/test/e2e/screenshot.png"
[ "$(head -c 8 "$repo/test/e2e/screenshot.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "the screenshot is not a PNG"
echo "screenshot: test/e2e/screenshot.png"

step "stop"
call -X POST "$api/api/desktops/$id/stop" | jq .
stopped() { [ "$(call "$api/api/desktops/$id" | jq -r .status)" = stopped ]; }
wait_until "the desktop to stop" 300 stopped

step "delete"
call -X DELETE "$api/api/desktops/$id" -o /dev/null
gone() { [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $key" "$api/api/desktops/$id")" = 404 ]; }
wait_until "the desktop to be gone" 300 gone

echo
echo "e2e: passed ($runtime runtime)"
