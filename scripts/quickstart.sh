#!/usr/bin/env bash
# From a fresh checkout to `hatoba rehearse` on the example service: a Docker Engine, the dependencies, a build, then
# the whole pipeline locally.
#
#   bash scripts/quickstart.sh                    # uses the Docker Engine that answers `docker info`, as it is
#   HATOBA_STAND_INS=1 bash scripts/quickstart.sh # no image registry reachable: Debian, root; scripts/ci-setup.sh
#                                                 # installs Docker and builds stand-ins for registry:2 and the base
#
# With an engine that answers (Docker Desktop on macOS or Windows, Docker Engine on Linux) nothing needs root:
# docker pulls registry:2 and the example's base image itself. Only when no engine answers and this is Debian as
# root (apt-get present), or with HATOBA_STAND_INS=1, does scripts/ci-setup.sh run. HATOBA_QUICKSTART_PLAN=1 prints
# the path it would take and stops (the tests use it).
set -euo pipefail
cd "${BASH_SOURCE[0]%/*}/.."

# `docker`: an engine answers; `stand-ins`: run scripts/ci-setup.sh; anything else: why neither, on stderr, exit 1.
quickstart_engine() {
  if [[ ${HATOBA_STAND_INS:-} == 1 ]]; then
    echo stand-ins
  elif command -v docker >/dev/null && docker info >/dev/null 2>&1; then
    echo docker
  elif [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo stand-ins
  else
    local state='no `docker` command is installed'
    command -v docker >/dev/null && state='`docker info` gets no answer from a Docker Engine (is it running?)'
    local how
    case ${OSTYPE:-} in
      darwin*) how='install and start Docker Desktop: https://docs.docker.com/desktop/setup/install/mac-install/' ;;
      msys* | cygwin* | win*) how='install and start Docker Desktop: https://docs.docker.com/desktop/setup/install/windows-install/' ;;
      *) how='install Docker Engine (https://docs.docker.com/engine/install/) and start it (sudo systemctl start docker), or run this script as root on Debian to have it installed' ;;
    esac
    printf 'quickstart: error: %s.\nquickstart: fix: %s; then run this script again.\n' "$state" "$how" >&2
    return 1
  fi
}

engine=$(quickstart_engine)
if [[ ${HATOBA_QUICKSTART_PLAN:-} == 1 ]]; then
  echo "engine: $engine"
  exit 0
fi
if [[ $engine == stand-ins ]]; then
  # Installs and starts dockerd when none answers, builds the offline stand-ins for the images (needs root, apt).
  # shellcheck source=ci-setup.sh
  source scripts/ci-setup.sh
fi
# Exactly the committed lock; its `prepare` script builds dist/.
npm ci --no-audit --no-fund --loglevel=error
# The package as a user installs it: packed, installed into a scratch prefix, `--version` and `init` run.
bash scripts/package-smoke.sh
node bin/hatoba.js rehearse --config examples/hello-service/hatoba.yml "$@"
