#!/usr/bin/env bash
# Builds the real Kubernetes control-plane binaries the tests run (kube-apiserver,
# kube-controller-manager, kube-scheduler, kubectl, etcd, kwok, metrics-server) and helm from Go modules into a cache
# folder keyed by version. Idempotent: a version whose binaries are all present is not rebuilt.
# The cache lives outside the checkout (default ~/.cache/regatta/k8s-bins) so CI's fresh clone on
# the same machine reuses it; override with REGATTA_BIN_CACHE.
#
# Each binary is built from a wrapper module of ours in go/<name>/ whose committed go.mod/go.sum
# are the tidied ones, so a build is reproducible and needs no `go mod tidy`. The wrapper is
# re-derived (staging replaces from the served k8s.io/kubernetes go.mod, `go mod tidy`) when
# REGATTA_TIDY=1 (then the tidied go.mod/go.sum are written back here for committing), when
# go.sum is missing, or when a version other than the committed one is asked for (e.g. the
# fallback K8S_VERSION=v1.36.3; then nothing is written back).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
K8S_VERSION=${K8S_VERSION:-v1.37.2}
ETCD_VERSION=${ETCD_VERSION:-v3.6.16}
KWOK_VERSION=${KWOK_VERSION:-v0.8.0}
METRICS_SERVER_VERSION=${METRICS_SERVER_VERSION:-v0.8.0}
HELM_VERSION=${HELM_VERSION:-v4.3.2}
CACHE=${REGATTA_BIN_CACHE:-$HOME/.cache/regatta/k8s-bins}
TIDY=${REGATTA_TIDY:-0}
export CGO_ENABLED=0 GOWORK=off GOTOOLCHAIN=local GOFLAGS=-trimpath

log() { printf '[build-bins] %s\n' "$*" >&2; }
have_all() { local d=$1; shift; for b in "$@"; do [ -x "$d/$b" ] || return 1; done; }

# required_version <module dir> <module path>: the version go.mod requires, or nothing.
required_version() {
  (cd "$1" && go mod edit -json | python3 -c '
import json, sys
mod = json.load(sys.stdin)
print(next((r["Version"] for r in mod.get("Require") or [] if r["Path"] == sys.argv[1]), ""))' "$2")
}

# prepare <name> <module path> <version> [derive-hook]: a temp copy of go/<name> ready to build.
# Tidies it when needed (see the header) and writes the result back when asked to.
prepare() {
  local name=$1 module=$2 version=$3 hook=${4:-}
  local src="$here/$name" work
  work=$(mktemp -d)
  cp "$src/go.mod" "$work/"
  [ -f "$src/go.sum" ] && cp "$src/go.sum" "$work/"
  local committed; committed=$(required_version "$work" "$module")
  if [ "$TIDY" = 1 ] || [ ! -f "$src/go.sum" ] || [ "$committed" != "$version" ]; then
    log "tidying the $name wrapper module for $module@$version"
    (
      cd "$work"
      [ -n "$hook" ] && "$hook" "$version"
      go mod edit -require="$module@$version"
      go mod tidy
    ) >&2
    if [ "$TIDY" = 1 ] || [ ! -f "$src/go.sum" ]; then
      cp "$work/go.mod" "$work/go.sum" "$src/"
      log "wrote the tidied go.mod/go.sum to $src"
    fi
  fi
  echo "$work"
}

# The staging modules are replaced by their published v0.X.Y tags; the list is derived from the
# served go.mod of k8s.io/kubernetes so a new staging module cannot slip through.
k8s_replaces() {
  local version=$1 staging="v0.${1#v1.}" mod
  mod=$(go mod download -json "k8s.io/kubernetes@$version" | python3 -c 'import json,sys;print(json.load(sys.stdin)["GoMod"])')
  for r in $(go mod edit -json | python3 -c 'import json,sys;[print(r["Old"]["Path"]) for r in json.load(sys.stdin).get("Replace") or []]'); do
    go mod edit -dropreplace="$r"
  done
  sed -n 's#^[[:space:]]*\(replace[[:space:]]\{1,\}\)\{0,1\}\(k8s\.io/[^ ]*\) => \./staging/src/.*#\2#p' "$mod" | sort -u |
    while read -r m; do go mod edit -replace="$m=$m@$staging"; done
}

build_k8s() {
  local out="$CACHE/kubernetes-$K8S_VERSION"
  local missing=1; have_all "$out" kube-apiserver kube-controller-manager kube-scheduler kubectl && missing=0
  [ "$missing" = 0 ] && [ "$TIDY" != 1 ] && return 0
  local work; work=$(prepare k8s k8s.io/kubernetes "$K8S_VERSION" k8s_replaces)
  if [ "$missing" = 1 ]; then
    log "building kubernetes $K8S_VERSION into $out"
    local minor; minor=$(echo "$K8S_VERSION" | cut -d. -f2)
    local v=k8s.io/component-base/version c=k8s.io/client-go/pkg/version
    local ldf="-s -w -X $v.gitVersion=$K8S_VERSION -X $v.gitMajor=1 -X $v.gitMinor=$minor -X $v.gitTreeState=clean -X $c.gitVersion=$K8S_VERSION -X $c.gitMajor=1 -X $c.gitMinor=$minor -X $c.gitTreeState=clean"
    mkdir -p "$out.tmp"
    (cd "$work" && go build -tags=selinux,notest,grpcnotrace -ldflags="$ldf" -o "$out.tmp/" \
      k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
      k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl)
    rm -rf "$out" && mv "$out.tmp" "$out"
  fi
  rm -rf "$work"
}

build_etcd() {
  local out="$CACHE/etcd-$ETCD_VERSION"
  local missing=1; have_all "$out" etcd && missing=0
  [ "$missing" = 0 ] && [ "$TIDY" != 1 ] && return 0
  local work; work=$(prepare etcd go.etcd.io/etcd/server/v3 "$ETCD_VERSION")
  if [ "$missing" = 1 ]; then
    log "building etcd $ETCD_VERSION into $out"
    mkdir -p "$out.tmp"
    (cd "$work" && go build -ldflags="-s -w" -o "$out.tmp/etcd" go.etcd.io/etcd/server/v3)
    rm -rf "$out" && mv "$out.tmp" "$out"
  fi
  rm -rf "$work"
}

build_kwok() {
  local out="$CACHE/kwok-$KWOK_VERSION"
  local missing=1; have_all "$out" kwok && missing=0
  [ "$missing" = 0 ] && [ "$TIDY" != 1 ] && return 0
  local work; work=$(prepare kwok sigs.k8s.io/kwok "$KWOK_VERSION")
  if [ "$missing" = 1 ]; then
    log "building kwok $KWOK_VERSION into $out"
    mkdir -p "$out.tmp"
    (cd "$work" && go build -ldflags="-s -w" -o "$out.tmp/kwok" sigs.k8s.io/kwok/cmd/kwok)
    rm -rf "$out" && mv "$out.tmp" "$out"
  fi
  rm -rf "$work"
}

build_metrics_server() {
  local out="$CACHE/metrics-server-$METRICS_SERVER_VERSION"
  local missing=1; have_all "$out" metrics-server && missing=0
  [ "$missing" = 0 ] && [ "$TIDY" != 1 ] && return 0
  local work; work=$(prepare metrics-server sigs.k8s.io/metrics-server "$METRICS_SERVER_VERSION")
  if [ "$missing" = 1 ]; then
    log "building metrics-server $METRICS_SERVER_VERSION into $out"
    mkdir -p "$out.tmp"
    (cd "$work" && go build -ldflags="-s -w" -o "$out.tmp/metrics-server" sigs.k8s.io/metrics-server/cmd/metrics-server)
    rm -rf "$out" && mv "$out.tmp" "$out"
  fi
  rm -rf "$work"
}

# helm (cmd/helm of helm.sh/helm/v4): the tests install a chart with it and check what the app
# reads against what helm reports. Its version variable is stamped as `helm version` shows it.
build_helm() {
  local out="$CACHE/helm-$HELM_VERSION"
  local missing=1; have_all "$out" helm && missing=0
  [ "$missing" = 0 ] && [ "$TIDY" != 1 ] && return 0
  local work; work=$(prepare helm helm.sh/helm/v4 "$HELM_VERSION")
  if [ "$missing" = 1 ]; then
    log "building helm $HELM_VERSION into $out"
    mkdir -p "$out.tmp"
    (cd "$work" && go build -ldflags="-s -w -X helm.sh/helm/v4/internal/version.version=$HELM_VERSION" \
      -o "$out.tmp/helm" helm.sh/helm/v4/cmd/helm)
    rm -rf "$out" && mv "$out.tmp" "$out"
  fi
  rm -rf "$work"
}

mkdir -p "$CACHE"
start=$(date +%s)
build_etcd
build_kwok
build_k8s
build_metrics_server
build_helm
log "done in $(( $(date +%s) - start ))s"
echo "$CACHE"
