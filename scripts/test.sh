#!/usr/bin/env bash
# The project's one test command (`npm test`): installs what is missing, then type-checks,
# lints, builds the plugin bundles and runs every test, browser end-to-end tests included.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-system.sh

# Reinstall npm packages only when the lockfile changed since the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

echo "== type check"; npm run --silent typecheck
echo "== lint"; npm run --silent lint
echo "== build"; npm run --silent build
echo "== training tests"; OPENBLAS_NUM_THREADS=1 /usr/bin/python3 -m unittest discover -s training/tests
echo "== tests"; npx jest --ci "$@"
