#!/usr/bin/env bash
# The package as a user gets it: `npm pack` (its prepare script builds dist/), the tarball within its size budget,
# installed globally into a scratch prefix (`hatoba --version`, then `hatoba init` in a scratch git repository), and
# installed into a scratch project whose ESM script synthesizes a stack from `hatoba/cdk`. Dependencies come from the
# npm cache when it has them (`npm ci` filled it), else from the registry. Leaves nothing behind.
# Run from anywhere: `bash scripts/package-smoke.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."

# Gzipped tarball budget: today about a third of it (dist/ without source maps, docs, schema, templates).
readonly BUDGET_BYTES=$((1024 * 1024))
readonly INSTALL=(--prefer-offline --no-audit --no-fund --loglevel=error)

scratch=$(mktemp -d "${TMPDIR:-/tmp}/hatoba-package-smoke.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

fail() {
  echo "package-smoke: $*" >&2
  exit 1
}

version=$(node -p 'require("./package.json").version')
npm pack --pack-destination "$scratch" --loglevel=error >/dev/null
tarball="$scratch/hatoba-$version.tgz"
[[ -f $tarball ]] || fail "npm pack wrote no $tarball"
bytes=$(wc -c <"$tarball")
((bytes <= BUDGET_BYTES)) || fail "tarball is $bytes bytes, over the $BUDGET_BYTES-byte budget"
echo "packed hatoba-$version.tgz: $bytes bytes (budget $BUDGET_BYTES)"

# The CLI, installed globally into a prefix of its own.
npm install --global "$tarball" --prefix "$scratch/prefix" "${INSTALL[@]}"
hatoba="$scratch/prefix/bin/hatoba"
reported=$("$hatoba" --version)
[[ $reported == "$version" ]] || fail "hatoba --version printed '$reported', expected '$version'"
echo "hatoba --version: $reported"

repo="$scratch/repo"
mkdir "$repo"
git -C "$repo" init -q -b main
git -C "$repo" remote add origin https://github.com/example-org/smoke-service.git
(cd "$repo" && "$hatoba" init --account 123456789012 --region eu-west-1 --json) >"$scratch/init.json"
for file in hatoba.yml .github/workflows/deploy.yml; do
  [[ -s $repo/$file ]] || fail "hatoba init wrote no $file"
done
(cd "$repo" && "$hatoba" config validate >/dev/null) || fail "the hatoba.yml init wrote does not validate"
echo "hatoba init: $(head -n 1 "$repo/hatoba.yml")"

# The CDK entry, installed into someone else's app; aws-cdk-lib and constructs arrive as peer dependencies.
app="$scratch/app"
mkdir "$app"
printf '{ "name": "smoke-app", "private": true, "type": "module" }\n' >"$app/package.json"
(cd "$app" && npm install "$tarball" "${INSTALL[@]}")
cp test/fixtures/package/cdk-consumer.mjs "$app/"
(cd "$app" && node cdk-consumer.mjs) || fail "the hatoba/cdk consumer script failed"
echo "package-smoke: ok"
