#!/usr/bin/python3
"""Times DIPY's MSDKI WLS fit (MeanDiffusionKurtosisModel.fit) on synthetic 4-b-value data, single process.

Usage: /usr/bin/python3 bench/dipy_msdki_timing.py [voxels=100000] [repeats=3]
Prints one JSON line: {"voxels": n, "seconds": median, "voxels_per_second": ..., "dipy": version}.
Called by bench/imaging.bench.ts; the same data-generating model as the TypeScript bench
(D ~ U(0.6, 2.0) 10^-3 mm^2/s, K ~ U(0.3, 1.5), S0 ~ U(600, 1400), Rician noise, SNR 40 at b = 0).
"""
import json
import sys
import time

import numpy as np
import dipy
from dipy.core.gradients import gradient_table
from dipy.reconst import msdki

n = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
rng = np.random.default_rng(42)
b = np.array([0.0, 800.0, 1400.0, 2000.0])
D = rng.uniform(0.6e-3, 2.0e-3, n)
K = rng.uniform(0.3, 1.5, n)
S0 = rng.uniform(600, 1400, n)
S = S0[:, None] * np.exp(-b * D[:, None] + b**2 * D[:, None] ** 2 * K[:, None] / 6)
sigma = S0[:, None] / 40
S = np.sqrt((S + sigma * rng.standard_normal(S.shape)) ** 2 + (sigma * rng.standard_normal(S.shape)) ** 2)
bvecs = np.zeros((4, 3))
bvecs[1:, 0] = 1
gtab = gradient_table(b, bvecs, b0_threshold=0)
model = msdki.MeanDiffusionKurtosisModel(gtab)
times = []
for _ in range(repeats):
    t0 = time.perf_counter()
    fit = model.fit(S)
    _ = fit.msk
    times.append(time.perf_counter() - t0)
sec = float(np.median(times))
print(json.dumps({"voxels": n, "seconds": sec, "voxels_per_second": n / sec, "dipy": dipy.__version__}))
