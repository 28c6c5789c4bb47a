#!/usr/bin/env bash
# Scores the classical detector, the replica, the better model and their fusion on one split of
# the phantom cohort with the CLI's evaluate (the paper's Table 2 protocol and lesion-level
# metrics against the true lesions and the gold standard), one report folder per detector.
#
#   bash training/evaluate.sh COHORT_DIR SPLIT OUT_DIR
#
# COHORT_DIR comes from `npx dotatate-liver cohort --out COHORT_DIR`; SPLIT is validation or test.
# Choose settings on validation; run test once, with the final weights.
set -euo pipefail
cd "$(dirname "$0")/.."
cohort=${1:?cohort folder}; split=${2:?validation or test}; out=${3:?report folder}
models=extensions/dotatate-liver/models
run() {
  local name=$1; shift
  echo "== $name" >&2
  npx dotatate-liver evaluate "$cohort" --split "$split" --out "$out/$name" "$@" > "$out/$name.log"
}
mkdir -p "$out"
run classical --detector percist
run replica --detector unet --model "$models/unet-2d.manifest.json"
run better --detector unet --model "$models/unet-2p5d.manifest.json"
run fusion --detector fusion --model "$models/unet-2p5d.manifest.json"
