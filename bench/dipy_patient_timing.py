#!/usr/bin/python3
"""Times DIPY's MSDKI fit of one synthetic patient: `voxels` voxels (the union of two VOIs), scanner-style b-values
with three volumes per shell (12 volumes), Rician noise at SNR 120. Called by bench/imaging-batch.bench.ts.

Usage: /usr/bin/python3 bench/dipy_patient_timing.py [voxels=17000] [repeats=3]
Prints one JSON line: {"voxels": n, "seconds": median fit time, "dipy": version}.
"""
import json
import sys
import time

import numpy as np
import dipy
from dipy.core.gradients import gradient_table
from dipy.reconst import msdki

n = int(sys.argv[1]) if len(sys.argv) > 1 else 17000
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
rng = np.random.default_rng(15)
b = np.array([0, 5, 0, 798, 801, 800, 1396, 1402, 1401, 1997, 2004, 2000], float)
D = rng.uniform(0.7e-3, 1.8e-3, n)
K = rng.uniform(0.4, 1.3, n)
S = 1000 * np.exp(-b * D[:, None] + b**2 * D[:, None] ** 2 * K[:, None] / 6)
sigma = 1000 / 120
S = np.sqrt((S + sigma * rng.standard_normal(S.shape)) ** 2 + (sigma * rng.standard_normal(S.shape)) ** 2)
bvecs = np.zeros((b.size, 3))
bvecs[b > 50, 0] = 1
gtab = gradient_table(b, bvecs, b0_threshold=50)
model = msdki.MeanDiffusionKurtosisModel(gtab)
times = []
for _ in range(repeats):
    t0 = time.perf_counter()
    model.fit(S)
    times.append(time.perf_counter() - t0)
print(json.dumps({"voxels": n, "seconds": sorted(times)[len(times) // 2], "dipy": dipy.__version__}))
