"""Cosines of tuned weights read on the packaged weights' scale.

The answer path's cosine thresholds (``abstain_min_dense``, ``gate_unless_cosine``,
``abstain_unless_cosine`` and its slope) were chosen by measurement with the packaged
all-MiniLM-L6-v2. Tuned weights spread their cosines differently (higher, for text like the
reports': a namesake trap's closest sentence scored 0.47 with them and 0.38 with the packaged
weights, over the gate's 0.45). So a tuned model carries a monotone map from its cosines to the
packaged model's, fitted on the same text pairs by matching quantiles
(``index.tuning.calibration``), and every threshold keeps the meaning it was measured with.
Retrieval itself (ranks, the learned ranker's features) uses the raw cosines.
"""

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

SCALE_FILE = "cosine_scale.json"


@dataclass(frozen=True)
class CosineScale:
    """A piecewise-linear, non-decreasing map through ``knots`` (this encoder's cosine →
    the packaged encoder's); no knots is the identity (the packaged weights themselves)."""

    xs: tuple[float, ...] = ()
    ys: tuple[float, ...] = ()

    @property
    def identity(self) -> bool:
        return not self.xs

    def __call__(self, cosines: np.ndarray) -> np.ndarray:
        if self.identity:
            return cosines
        return np.interp(cosines, self.xs, self.ys).astype(cosines.dtype, copy=False)

    def of(self, cosine: float) -> float:
        return float(self(np.array([cosine], dtype=np.float64))[0])

    def inverse(self, cosine: float) -> float:
        """This encoder's cosine that maps to ``cosine`` (a threshold set on the packaged
        scale, moved onto this encoder's)."""
        if self.identity:
            return cosine
        return float(np.interp(cosine, self.ys, self.xs))

    def save(self, directory: Path, fitted_on: dict[str, object]) -> None:
        data = {"xs": list(self.xs), "ys": list(self.ys), "fitted_on": fitted_on}
        (Path(directory) / SCALE_FILE).write_text(json.dumps(data, indent=1))

    @classmethod
    def load(cls, weights: Path | None) -> "CosineScale":
        """The map kept beside tuned weights; the identity for the packaged weights or for
        weights tuned before maps were fitted."""
        path = Path(weights) / SCALE_FILE if weights is not None else None
        if path is None or not path.is_file():
            return cls()
        data = json.loads(path.read_text())
        return cls(tuple(data["xs"]), tuple(data["ys"]))

    @classmethod
    def matching(cls, ours: np.ndarray, packaged: np.ndarray, knots: int = 41) -> "CosineScale":
        """The map that sends each quantile of ``ours`` to the same quantile of
        ``packaged`` (cosines of the same pairs under the two encoders), extended with
        slope 1 beyond the cosines seen, within ±1."""
        qs = np.linspace(0.0, 1.0, knots)
        xs = np.quantile(ours, qs)
        ys = np.quantile(packaged, qs)
        keep = np.concatenate([[True], np.diff(xs) > 1e-6])  # np.interp needs rising xs
        xs, ys = xs[keep], ys[keep]
        xs = np.concatenate([[-1.0], xs, [1.0]])
        low, high = max(-1.0, ys[0] - (xs[1] + 1.0)), min(1.0, ys[-1] + (1.0 - xs[-2]))
        ys = np.concatenate([[low], ys, [high]])
        return cls(tuple(round(float(x), 5) for x in xs), tuple(round(float(y), 5) for y in ys))
