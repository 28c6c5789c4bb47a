"""Training speed of the two recipes on this machine: SGD steps per second of the paper's 2D net
and of the project's 2.5D model (Adam, lesion-aware batches, augmentation), 128 x 128, batch 8.
Run it alone (nothing else CPU-heavy), at normal priority:

    OPENBLAS_NUM_THREADS=1 /usr/bin/python3 benchmarks/training.py [--threads 2] [--steps 30]

Prints the figures and writes benchmarks/reports/training.md.
"""

import argparse
import os
import platform
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'training'))
from augment import augment  # noqa: E402
from train import combined_loss  # noqa: E402
from unet import ResidualUNet  # noqa: E402

RECIPES = {
    'replica (2D, SGD)': {'channels': 1, 'optimiser': 'sgd', 'augment': False},
    'better (2.5D, Adam, augmentation)': {'channels': 3, 'optimiser': 'adam', 'augment': True},
}


def seconds_per_step(recipe, steps, size=128, batch=8):
    generator = torch.Generator().manual_seed(1)
    model = ResidualUNet(recipe['channels'])
    optimiser = (torch.optim.Adam(model.parameters(), 1e-3) if recipe['optimiser'] == 'adam'
                 else torch.optim.SGD(model.parameters(), 0.01, momentum=0.9))
    x = torch.rand(batch, recipe['channels'], size, size, generator=generator)
    y = (torch.rand(batch, 1, size, size, generator=generator) > 0.97).float()
    timings = []
    for step in range(steps + 3):  # three warm-up steps
        started = time.perf_counter()
        inputs, targets = augment(x, y, generator) if recipe['augment'] else (x, y)
        loss = combined_loss(model(inputs), targets)
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        if step >= 3:
            timings.append(time.perf_counter() - started)
    timings.sort()
    return timings[len(timings) // 2], timings[0], timings[-1]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--threads', type=int, default=2)
    parser.add_argument('--steps', type=int, default=30)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    rows = []
    for name, recipe in RECIPES.items():
        median, low, high = seconds_per_step(recipe, args.steps)
        rows.append(f'| {name} | {median:.3f} | {low:.3f} | {high:.3f} | {1 / median:.2f} |')
        print(rows[-1], flush=True)
    report = '\n'.join([
        '# Training speed', '',
        f'`OPENBLAS_NUM_THREADS={os.environ.get("OPENBLAS_NUM_THREADS", "unset")} python3 benchmarks/training.py '
        f'--threads {args.threads} --steps {args.steps}`: 128 x 128, batch 8, {args.steps} timed steps after 3 warm-up steps.',
        f'Machine: {platform.machine()}, {os.cpu_count()} CPU threads; torch {torch.__version__}, {args.threads} threads.', '',
        '| recipe | median s/step | min | max | steps/s |', '|---|---|---|---|---|', *rows, '',
    ])
    os.makedirs(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'reports'), exist_ok=True)
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'reports', 'training.md'), 'w') as handle:
        handle.write(report)


if __name__ == '__main__':
    main()
