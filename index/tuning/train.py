"""Fine-tune all-MiniLM-L6-v2 on the corpus's own pairs, on CPU (issue 15, lever 1).

sentence-transformers' MultipleNegativesRankingLoss: in a batch of (anchor, positive) pairs
each anchor must rank its own positive above the others' positives. The loop is written out
here rather than run through sentence-transformers' Trainer, which needs `datasets` and
`accelerate` (not dependencies of this project) for nothing a CPU run uses.

The tuned model is written to a directory (under var/models/ by default, never the repo) with
``tuning.json``: the settings, the pairs, the time and the weights' fingerprint.
"""

import json
import logging
import math
import os
import random
import shutil
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from index.retrieval.model_files import model_path, weights_fingerprint
from index.retrieval.store import StoredIndex
from index.tuning import PAIR_KINDS
from index.tuning.pairs import Pair, mine_pairs, with_hard_negatives

log = logging.getLogger(__name__)

TUNING_FILE = "tuning.json"


@dataclass
class TuneConfig:
    """How to tune; the same config on the same index gives the same weights (``max_minutes``
    aside: a run it stops early says so in its report)."""

    steps: int = 150  # eval/RESULTS.md: 13 min on a 2-core machine
    batch_size: int = 32
    learning_rate: float = 2e-5
    warmup: float = 0.1  # share of the steps the learning rate ramps up over
    max_seq_length: int = 128  # training only; the saved model keeps the model's own window
    seed: int = 0
    kinds: tuple[str, ...] = PAIR_KINDS
    # The word-piece table is half the model's weights: left as it is, a step costs less and
    # words the pairs never show keep their place beside the ones they do.
    freeze_embeddings: bool = True
    hard_negatives: bool = False  # a third text per pair: same heading, another authority
    # With question pairs (``inspection-qa tune --gold``): each is seen this many times per
    # pass, beside this many self-supervised pairs per question.
    question_repeats: int = 3
    mined_per_question: int = 2
    max_minutes: float | None = None
    threads: int = 0  # 0 = torch's default (every core)


@dataclass
class TuneReport:
    """What a tuning run did, written beside the weights as ``tuning.json``."""

    output: str
    fingerprint: str
    base_model: str
    steps: int
    pairs: dict[str, int]
    pairs_seen: int
    seconds: float
    seconds_per_step: float
    loss_first: float
    loss_last: float
    stopped_early: bool
    config: dict = field(default_factory=dict)
    index_version: str = ""


def batches(pairs: Sequence[Pair], size: int, rng: random.Random) -> Iterator[list[Pair]]:
    """Endless shuffled batches in which no anchor or positive text, and no source passage,
    appears twice: a repeat would be scored as its own negative."""
    while True:
        pending = list(pairs)
        rng.shuffle(pending)
        queue = deque(pending)
        made = 0
        while len(queue) >= size:
            batch: list[Pair] = []
            seen: set[str | int] = set()
            held: list[Pair] = []
            while queue and len(batch) < size:
                pair = queue.popleft()
                keys = {pair.anchor, pair.positive, pair.source}
                if keys & seen:
                    held.append(pair)  # first in line for the next batch
                    continue
                batch.append(pair)
                seen |= keys
            queue.extendleft(reversed(held))
            if len(batch) < size:
                break  # what is left repeats itself; the next pass reshuffles it
            made += 1
            yield batch
        if not made:
            raise ValueError(f"no batch of {size} pairs without a repeated text")


def _schedule(steps: int, warmup: float) -> Callable[[int], float]:
    """Linear warm-up, then linear decay to zero at ``steps``."""
    ramp = max(1, int(steps * warmup))

    def factor(step: int) -> float:
        if step < ramp:
            return (step + 1) / ramp
        return max(0.0, (steps - step) / max(1, steps - ramp))

    return factor


def tune(
    index: StoredIndex,
    output: Path,
    config: TuneConfig,
    model_name: str,
    progress: Callable[[int, int, float], None] | None = None,
    pairs: Sequence[Pair] | None = None,
    questions: Sequence[Pair] = (),
) -> TuneReport:
    """Fine-tune ``model_name``'s packaged weights on pairs mined from ``index`` (or on
    ``pairs``), with ``questions`` (gold question → evidence passage pairs) mixed in, and
    write the tuned model to ``output`` atomically."""
    import torch
    from sentence_transformers import SentenceTransformer

    try:
        from sentence_transformers.sentence_transformer.losses import (
            MultipleNegativesRankingLoss,
        )
    except ImportError:  # sentence-transformers before 6
        from sentence_transformers.losses import MultipleNegativesRankingLoss

    started = time.perf_counter()
    random.seed(config.seed)
    torch.manual_seed(config.seed)
    if config.threads:
        torch.set_num_threads(config.threads)
    if pairs is None:
        pairs = mine_pairs(index, config.kinds, config.seed)
        if config.hard_negatives:
            pairs = with_hard_negatives(index, pairs, config.seed)
    if questions:
        # A few thousand mined pairs beside a few hundred questions: the questions lead.
        mined = list(pairs)
        random.Random(f"{config.seed}:mix").shuffle(mined)
        pairs = (
            list(questions) * config.question_repeats
            + mined[: len(questions) * config.mined_per_question]
        )
    if len(pairs) < 2:
        raise ValueError("fewer than two training pairs: nothing to learn from")
    counts = dict(Counter(p.kind for p in pairs))
    log.info("tuning on %d pairs %s", len(pairs), counts)

    model = SentenceTransformer(str(model_path(model_name)), device="cpu")
    window = model.max_seq_length
    model.max_seq_length = config.max_seq_length
    if config.freeze_embeddings:
        for parameter in model[0].auto_model.embeddings.parameters():
            parameter.requires_grad = False
    loss_fn = MultipleNegativesRankingLoss(model)
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(trainable, lr=config.learning_rate, weight_decay=0.01)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimiser, _schedule(config.steps, config.warmup))
    size = min(config.batch_size, len(pairs))
    stream = batches(pairs, size, random.Random(config.seed))
    deadline = started + config.max_minutes * 60 if config.max_minutes else math.inf
    losses: list[float] = []
    # sentence-transformers 6 renamed tokenize to preprocess.
    encode = getattr(model, "preprocess", None) or model.tokenize
    model.train()
    loop_started = time.perf_counter()
    step = 0
    for step in range(config.steps):
        if time.perf_counter() > deadline:
            log.warning("time budget reached after %d of %d steps", step, config.steps)
            break
        batch = next(stream)
        features = [encode([p.anchor for p in batch]), encode([p.positive for p in batch])]
        if all(p.negative is not None for p in batch):
            features.append(encode([p.negative for p in batch]))
        loss = loss_fn(features, None)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(trainable, 1.0)
        optimiser.step()
        scheduler.step()
        optimiser.zero_grad(set_to_none=True)
        losses.append(float(loss.detach()))
        if progress:
            progress(step + 1, config.steps, losses[-1])
    else:
        step = config.steps
    loop_seconds = time.perf_counter() - loop_started
    model.eval()
    model.max_seq_length = window  # queries and passages are embedded as by the base model
    encode(["window"])  # the saved tokenizer.json keeps the last truncation it was run with

    output = Path(output)
    staging = output.with_name(f".{output.name}.tmp-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    model.save(str(staging), create_model_card=False)
    window_size = max(1, min(50, len(losses) // 4 or 1))
    report = TuneReport(
        output=str(output),
        fingerprint="",  # of the files in their final place
        base_model=model_name,
        steps=step,
        pairs=counts,
        pairs_seen=step * size,
        seconds=round(time.perf_counter() - started, 1),
        seconds_per_step=round(loop_seconds / max(1, step), 3),
        loss_first=round(sum(losses[:window_size]) / max(1, len(losses[:window_size])), 4),
        loss_last=round(sum(losses[-window_size:]) / max(1, len(losses[-window_size:])), 4),
        stopped_early=step < config.steps,
        config={**asdict(config), "kinds": list(config.kinds), "torch": torch.__version__},
        index_version=index.version if index is not None else "",
    )
    if output.exists():
        shutil.rmtree(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    staging.rename(output)
    report.fingerprint = weights_fingerprint(model_name, output)
    (output / TUNING_FILE).write_text(json.dumps(asdict(report), indent=2))
    return report
