# Float64 NumPy baseline for `npm run bench`: the same steps as a classic 2-3-2 key, for N exercises.
# Forward pass, half-SSE loss, deltas, gradients, shared-bias gradients, the update and the loss after
# it, with every step value rounded to 4 decimals and written out as JSON, like `bpdrill key` does.
import json
import sys

import numpy as np


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def key(rng):
    grid = lambda lo, hi, size: rng.integers(lo, hi + 1, size=size) / 100.0
    W1, W2 = grid(-100, 100, (3, 2)), grid(-100, 100, (2, 3))
    b1, b2 = grid(-50, 50, 1)[0], grid(-50, 50, 1)[0]
    x, t = grid(0, 100, 2), rng.integers(0, 2, size=2).astype(float)
    eta = 0.5
    z1 = W1 @ x + b1
    a1 = sigmoid(z1)
    z2 = W2 @ a1 + b2
    a2 = sigmoid(z2)
    E = 0.5 * np.sum((t - a2) ** 2)
    d2 = (a2 - t) * a2 * (1 - a2)
    d1 = (W2.T @ d2) * a1 * (1 - a1)
    dW2, dW1 = np.outer(d2, a1), np.outer(d1, x)
    db2, db1 = d2.sum(), d1.sum()
    nW1, nW2, nb1, nb2 = W1 - eta * dW1, W2 - eta * dW2, b1 - eta * db1, b2 - eta * db2
    newE = 0.5 * np.sum((t - sigmoid(nW2 @ sigmoid(nW1 @ x + nb1) + nb2)) ** 2)
    steps = []
    for name, v in [("z1", z1), ("a1", a1), ("z2", z2), ("a2", a2), ("E", [E]), ("delta2", d2), ("delta1", d1),
                    ("dW2", dW2.ravel()), ("db2", [db2]), ("dW1", dW1.ravel()), ("db1", [db1]),
                    ("newW1", nW1.ravel()), ("newb1", [nb1]), ("newW2", nW2.ravel()), ("newb2", [nb2]), ("newE", [newE])]:
        for j, value in enumerate(np.atleast_1d(v)):
            steps.append({"id": f"{name}_{j + 1}", "value": repr(float(value)), "rounded": f"{value:.4f}"})
    return {"steps": steps}


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rng = np.random.default_rng(1)
    json.dump([key(rng) for _ in range(n)], sys.stdout)
