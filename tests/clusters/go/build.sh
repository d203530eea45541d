#!/usr/bin/env bash
# Builds the real Kubernetes control-plane binaries the tests run (kube-apiserver,
# kube-controller-manager, kube-scheduler, kubectl, etcd, kwok) from Go modules into a cache
# folder keyed by version. Idempotent: a version whose binaries are all present is not rebuilt.
# The cache lives outside the checkout (default ~/.cache/regatta/k8s-bins) so CI's fresh clone on
# the same machine reuses it; override with REGATTA_BIN_CACHE.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
K8S_VERSION=${K8S_VERSION:-v1.37.2}
ETCD_VERSION=${ETCD_VERSION:-v3.6.16}
KWOK_VERSION=${KWOK_VERSION:-v0.8.0}
CACHE=${REGATTA_BIN_CACHE:-$HOME/.cache/regatta/k8s-bins}
export CGO_ENABLED=0 GOWORK=off GOTOOLCHAIN=local GOFLAGS=-trimpath

log() { printf '[build-bins] %s\n' "$*" >&2; }
have_all() { local d=$1; shift; for b in "$@"; do [ -x "$d/$b" ] || return 1; done; }

build_k8s() {
  local out="$CACHE/kubernetes-$K8S_VERSION"
  have_all "$out" kube-apiserver kube-controller-manager kube-scheduler kubectl && return 0
  log "building kubernetes $K8S_VERSION into $out"
  local staging="v0.${K8S_VERSION#v1.}" minor
  minor=$(echo "$K8S_VERSION" | cut -d. -f2)
  local work; work=$(mktemp -d); cp "$here/k8s/go.mod" "$work/"; [ -f "$here/k8s/go.sum" ] && cp "$here/k8s/go.sum" "$work/"
  (
    cd "$work"
    # The staging modules are replaced by their published v0.X.Y tags; the list is derived from
    # the served go.mod so a new staging module cannot slip through.
    local mod; mod=$(go mod download -json "k8s.io/kubernetes@$K8S_VERSION" | python3 -c 'import json,sys;print(json.load(sys.stdin)["GoMod"])')
    sed -n 's#^[[:space:]]*\(replace[[:space:]]\{1,\}\)\{0,1\}\(k8s\.io/[^ ]*\) => \./staging/src/.*#\2#p' "$mod" | sort -u > staging.txt
    while read -r m; do go mod edit -replace="$m=$m@$staging"; done < staging.txt
    go mod edit -require="k8s.io/kubernetes@$K8S_VERSION"
    go mod tidy
    local v=k8s.io/component-base/version c=k8s.io/client-go/pkg/version
    local ldf="-s -w -X $v.gitVersion=$K8S_VERSION -X $v.gitMajor=1 -X $v.gitMinor=$minor -X $v.gitTreeState=clean -X $c.gitVersion=$K8S_VERSION -X $c.gitMajor=1 -X $c.gitMinor=$minor -X $c.gitTreeState=clean"
    mkdir -p "$out.tmp"
    go build -tags=selinux,notest,grpcnotrace -ldflags="$ldf" -o "$out.tmp/" \
      k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
      k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl
  )
  rm -rf "$out" && mv "$out.tmp" "$out" && rm -rf "$work"
}

build_etcd() {
  local out="$CACHE/etcd-$ETCD_VERSION"
  have_all "$out" etcd && return 0
  log "building etcd $ETCD_VERSION into $out"
  local work; work=$(mktemp -d); cp "$here/etcd/go.mod" "$work/"
  (
    cd "$work"
    go mod edit -require="go.etcd.io/etcd/server/v3@$ETCD_VERSION"
    go mod tidy
    mkdir -p "$out.tmp"
    go build -ldflags="-s -w" -o "$out.tmp/etcd" go.etcd.io/etcd/server/v3
  )
  rm -rf "$out" && mv "$out.tmp" "$out" && rm -rf "$work"
}

build_kwok() {
  local out="$CACHE/kwok-$KWOK_VERSION"
  have_all "$out" kwok && return 0
  log "building kwok $KWOK_VERSION into $out"
  mkdir -p "$out.tmp"
  GOBIN="$out.tmp" go install "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"
  rm -rf "$out" && mv "$out.tmp" "$out"
}

mkdir -p "$CACHE"
start=$(date +%s)
build_etcd
build_kwok
build_k8s
log "done in $(( $(date +%s) - start ))s"
echo "$CACHE"
