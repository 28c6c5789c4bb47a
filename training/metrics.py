"""The paper's scoring, per 2D axial slice: binarise at 0.05, drop predicted regions smaller than
the pixel filter, a predicted region is a true positive when its IoU with a gold-standard region is
> 0.05; a gold region is found when some kept prediction overlaps it that much. Components are
8-connected. Plain numpy (no SciPy on the training machine)."""

from collections import deque

import numpy as np

NEIGHBOURS = [(-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 1), (1, -1), (1, 0), (1, 1)]


def components(mask):
    """List of (N, 2) arrays of (row, column) pixel indices, one per 8-connected region."""
    seen = np.zeros(mask.shape, dtype=bool)
    rows, columns = mask.shape
    regions = []
    for start in zip(*np.nonzero(mask)):
        if seen[start]:
            continue
        seen[start] = True
        queue, pixels = deque([start]), []
        while queue:
            r, c = queue.popleft()
            pixels.append((r, c))
            for dr, dc in NEIGHBOURS:
                nr, nc = r + dr, c + dc
                if 0 <= nr < rows and 0 <= nc < columns and mask[nr, nc] and not seen[nr, nc]:
                    seen[nr, nc] = True
                    queue.append((nr, nc))
        regions.append(np.array(pixels))
    return regions


def _as_mask(pixels, shape):
    mask = np.zeros(shape, dtype=bool)
    mask[pixels[:, 0], pixels[:, 1]] = True
    return mask


def score_slices(probabilities, targets, threshold=0.05, pixel_filters=(5, 7, 10, 15, 20), iou_min=0.05):
    """probabilities, targets: (N, H, W). Returns {filter: {ppv, sensitivity, f1, tp, fp, fn}}."""
    counts = {f: [0, 0, 0] for f in pixel_filters}  # kept predictions true, kept predictions, gold found
    gold_total = 0
    for probability, target in zip(probabilities, targets):
        gold = [_as_mask(p, target.shape) for p in components(target > 0)]
        gold_total += len(gold)
        predicted = [_as_mask(p, target.shape) for p in components(probability > threshold)]
        for pixel_filter in pixel_filters:
            kept = [p for p in predicted if p.sum() >= pixel_filter]
            found = set()
            for p in kept:
                matched = False
                for g_index, g in enumerate(gold):
                    intersection = np.logical_and(p, g).sum()
                    if intersection and intersection / np.logical_or(p, g).sum() > iou_min:
                        matched = True
                        found.add(g_index)
                counts[pixel_filter][0] += matched
                counts[pixel_filter][1] += 1
            counts[pixel_filter][2] += len(found)
    result = {}
    for pixel_filter, (true_kept, kept, found) in counts.items():
        ppv = true_kept / kept if kept else 0.0
        sensitivity = found / gold_total if gold_total else 0.0
        f1 = 2 * ppv * sensitivity / (ppv + sensitivity) if ppv + sensitivity else 0.0
        result[pixel_filter] = {'ppv': round(ppv, 4), 'sensitivity': round(sensitivity, 4), 'f1': round(f1, 4),
                                'truePositives': true_kept, 'falsePositives': kept - true_kept,
                                'falseNegatives': gold_total - found}
    return result
