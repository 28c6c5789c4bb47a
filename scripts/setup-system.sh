#!/usr/bin/env bash
# Installs the Debian packages the project needs (the viewer harness, its tests and training):
#   chromium            headless browser for the end-to-end tests
#   orthanc, orthanc-dicomweb   the embedded PACS with its DICOMweb plugin
#   dicom3tools, dcmtk  dciodvfy / dsrdump checks of the DICOM outputs
#   python3-torch, libopenblas0-pthread   model training (multi-threaded BLAS)
# As root it installs what is missing with apt-get (non-interactive); otherwise it prints the exact
# command to run and exits non-zero. Nothing happens when everything is already installed.
set -euo pipefail

PACKAGES=(chromium orthanc orthanc-dicomweb dicom3tools dcmtk python3-torch libopenblas0-pthread)

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "setup-system: this is not a Debian-based system (dpkg-query not found)." >&2
  echo "Install these packages (Debian names) with your package manager: ${PACKAGES[*]}" >&2
  exit 1
fi

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "setup-system: all Debian packages present (${PACKAGES[*]})."
else
  if [ "$(id -u)" -eq 0 ]; then
    echo "setup-system: installing ${missing[*]} ..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
  else
    echo "setup-system: missing Debian packages: ${missing[*]}" >&2
    echo "Run this as an administrator, then start again:" >&2
    echo "  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
fi

if ! command -v node >/dev/null 2>&1 || ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)'; then
  echo "setup-system: Node.js 20 or newer is required (found: $(node --version 2>/dev/null || echo none))." >&2
  echo "Install it, e.g. as root: apt-get install -y nodejs npm" >&2
  exit 1
fi
