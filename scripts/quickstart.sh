#!/usr/bin/env bash
# From a fresh machine (Node, npm, apt; run as root) to `hatoba rehearse` on the example service:
# a Docker Engine and registry, the dependencies, a build, then the whole pipeline locally.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=ci-setup.sh
source scripts/ci-setup.sh
npm ci --no-audit --no-fund --loglevel=error
npm run build --silent
node bin/hatoba.js rehearse --config examples/hello-service/hatoba.yml "$@"
