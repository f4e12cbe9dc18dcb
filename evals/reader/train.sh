#!/usr/bin/env bash
# npm run train:reader: write the training rows (TypeScript, the same code that answers), then fit the two
# models with Debian's XGBoost and write them to core/answer/reader/. Extra arguments go to train.py (--dry-run).
set -euo pipefail
cd "$(dirname "$0")/../.."
py=/usr/bin/python3
if ! "$py" -c 'import xgboost' 2>/dev/null; then
  echo "train:reader needs Debian's XGBoost for Python: sudo apt-get install -y python3-xgboost" >&2
  exit 1
fi
data=.train/reader
npx tsx evals/reader/dump.ts "$data"
"$py" evals/reader/train.py "$data" "$@"
