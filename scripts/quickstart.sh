#!/usr/bin/env bash
# From a fresh machine (Node, npm, apt; run as root) to `hatoba rehearse` on the example service:
# a Docker Engine and registry, the dependencies, a build, then the whole pipeline locally.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=ci-setup.sh
source scripts/ci-setup.sh
# `npm install` with the committed lock installs exactly the locked versions. Not `npm ci`: npm 11 writes no lock
# entries for other platforms' optional packages (biome's binaries) and `npm ci` then refuses the lock.
npm install --no-audit --no-fund --loglevel=error
npm run build --silent
node bin/hatoba.js rehearse --config examples/hello-service/hatoba.yml "$@"
