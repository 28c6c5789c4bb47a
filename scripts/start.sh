#!/usr/bin/env bash
# `npm start`: installs what is missing, builds the plugins, then serves the published OHIF viewer
# with our extension and mode, an embedded Orthanc PACS and the demo PET/CT study.
# Prints the study list URL and the URL of the demo study in the DOTATATE mode; Ctrl-C stops all.
# Options (after `npm start --`): --port <viewer port, default 3000>, --orthanc-port <port>,
#   --seed <phantom seed, default 1>, --dicom-dir <folder of *.dcm to upload instead>.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-system.sh

if [ ! -d node_modules ]; then
  echo "== npm ci"
  npm ci --no-audit --no-fund
fi

echo "== build"
npm run --silent build

# exec: Ctrl-C reaches the harness directly, which stops the server and Orthanc before exiting.
exec node_modules/.bin/tsx platform-config/src/start.ts "$@"
