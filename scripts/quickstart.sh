#!/usr/bin/env bash
# From a fresh machine (Node, npm, apt; run as root) to `hatoba rehearse` on the example service:
# a Docker Engine and registry, the dependencies, a build, then the whole pipeline locally.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=ci-setup.sh
source scripts/ci-setup.sh
# Exactly the committed lock; its `prepare` script builds dist/.
npm ci --no-audit --no-fund --loglevel=error
# The package as a user installs it: packed, installed into a scratch prefix, `--version` and `init` run.
bash scripts/package-smoke.sh
node bin/hatoba.js rehearse --config examples/hello-service/hatoba.yml "$@"
