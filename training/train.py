"""Train the residual U-Net on the phantom cohort's training export.

    python3 training/train.py --data COHORT_DIR --variant 2d --out training/runs/2d --max-minutes 25

Loss 6:1 BCE:Dice, SGD with momentum, validation every --val-every iterations on the val split,
early stop after --patience iterations without a lower validation loss, bounded by
--max-iterations and --max-minutes. Seeded; --runs N trains N independent runs (seeds seed..seed+N-1).
Each run writes best.pt (weights + everything export.py needs) and history.json.
"""

import argparse
import json
import os
import platform
import random
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import NORMALISATION, SliceDataset, find_studies, load_study  # noqa: E402
from metrics import score_slices  # noqa: E402
from unet import ResidualUNet, parameter_count  # noqa: E402

CHANNELS = {'2d': 1, '2.5d': 3}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--data', required=True, help='cohort directory (studies with training/meta.json)')
    parser.add_argument('--out', required=True, help='output directory for runs')
    parser.add_argument('--variant', choices=sorted(CHANNELS), default='2d')
    parser.add_argument('--target', choices=['gold', 'lesions'], default='gold')
    parser.add_argument('--size', type=int, default=128, help='input side in pixels (multiple of 8)')
    parser.add_argument('--spacing', type=float, nargs=2, default=None,
                        help='training in-plane spacing x y in mm (default: the first study\'s)')
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--runs', type=int, default=1)
    parser.add_argument('--batch', type=int, default=8)
    parser.add_argument('--lr', type=float, default=0.01)
    parser.add_argument('--momentum', type=float, default=0.9)
    parser.add_argument('--max-iterations', type=int, default=100_000)
    parser.add_argument('--patience', type=int, default=20_000, help='iterations without validation improvement')
    parser.add_argument('--val-every', type=int, default=500)
    parser.add_argument('--max-minutes', type=float, default=None, help='wall-clock budget per run')
    parser.add_argument('--threads', type=int, default=2)
    parser.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    return parser.parse_args(argv)


def dice_loss(probability, target, eps=1.0):
    intersection = (probability * target).sum()
    return 1 - (2 * intersection + eps) / (probability.sum() + target.sum() + eps)


def combined_loss(probability, target):
    """6:1 linear combination of binary cross-entropy and Dice, as in the paper."""
    bce = torch.nn.functional.binary_cross_entropy(probability, target)
    return (6 * bce + dice_loss(probability, target)) / 7


def seed_everything(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


@torch.no_grad()
def predict(model, dataset, device, batch=32):
    model.eval()
    outputs, losses = [], []
    loader = torch.utils.data.DataLoader(dataset, batch_size=batch, shuffle=False)
    for x, y in loader:
        p = model(x.to(device))
        losses.append(combined_loss(p, y.to(device)).item() * len(x))
        outputs.append(p[:, 0].cpu().numpy())
    model.train()
    return np.concatenate(outputs), sum(losses) / len(dataset)


def load_cohort(args):
    dirs = find_studies(args.data)
    if not dirs:
        raise SystemExit(f'No study with training/meta.json under {args.data}')
    spacing = args.spacing
    if spacing is None:
        from data import _meta_dims_spacing, _read_meta
        spacing = _meta_dims_spacing(_read_meta(dirs[0]))[1][:2]
    from data import cohort_splits
    splits = cohort_splits(args.data)
    studies = [load_study(d, args.size, spacing, args.target, splits.get(os.path.basename(os.path.normpath(d))))
               for d in dirs]
    by_split = {}
    for study in studies:
        by_split.setdefault(study.split, []).append(study)
    if not by_split.get('train') or not by_split.get('val'):
        raise SystemExit(f'Need train and val studies; found splits {sorted((k, len(v)) for k, v in by_split.items())}')
    return by_split, list(spacing)


def train_run(args, run, by_split, spacing):
    seed = args.seed + run
    seed_everything(seed)
    channels = CHANNELS[args.variant]
    train_set, val_set = SliceDataset(by_split['train'], channels), SliceDataset(by_split['val'], channels)
    generator = torch.Generator().manual_seed(seed)
    loader = torch.utils.data.DataLoader(train_set, batch_size=args.batch, shuffle=True, drop_last=True,
                                         generator=generator)
    model = ResidualUNet(channels).to(args.device)
    optimiser = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=args.momentum)
    run_dir = os.path.join(args.out, f'run-{run + 1}')
    os.makedirs(run_dir, exist_ok=True)
    start, iteration, best_loss, best_iteration, history = time.time(), 0, float('inf'), 0, []
    stop_reason = 'max-iterations'
    while stop_reason == 'max-iterations' and iteration < args.max_iterations:
        for x, y in loader:
            loss = combined_loss(model(x.to(args.device)), y.to(args.device))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            iteration += 1
            if iteration % args.val_every == 0 or iteration == args.max_iterations:
                _, val_loss = predict(model, val_set, args.device)
                minutes = (time.time() - start) / 60
                history.append({'iteration': iteration, 'trainLoss': loss.item(), 'valLoss': val_loss,
                                'minutes': round(minutes, 2)})
                print(f'run {run + 1} it {iteration} train {loss.item():.4f} val {val_loss:.4f} {minutes:.1f} min',
                      flush=True)
                if val_loss < best_loss:
                    best_loss, best_iteration = val_loss, iteration
                    torch.save(model.state_dict(), os.path.join(run_dir, 'best-weights.pt'))
                if iteration - best_iteration >= args.patience:
                    stop_reason = 'early-stop'
                elif args.max_minutes and minutes >= args.max_minutes:
                    stop_reason = 'time-budget'
                if stop_reason != 'max-iterations':
                    break
            if iteration >= args.max_iterations:
                break
    minutes = (time.time() - start) / 60
    model.load_state_dict(torch.load(os.path.join(run_dir, 'best-weights.pt')))
    probabilities, val_loss = predict(model, val_set, args.device)
    targets = np.stack([by_split['val'][s].target[k] for s, k in val_set.index])
    metrics = score_slices(probabilities, targets)
    summary = {
        'variant': args.variant, 'channels': channels, 'inputSize': args.size, 'spacingMm': spacing,
        'normalisation': NORMALISATION, 'seed': seed, 'target': args.target,
        'iterations': iteration, 'bestIteration': best_iteration, 'stopReason': stop_reason,
        'trainingMinutes': round(minutes, 1), 'batch': args.batch, 'lr': args.lr, 'momentum': args.momentum,
        'trainSlices': len(train_set), 'valSlices': len(val_set),
        'trainStudies': len(by_split['train']), 'valStudies': len(by_split['val']),
        'validation': {'loss': round(val_loss, 5), 'perPixelFilter': metrics},
        'parameters': parameter_count(model),
        'machine': f'{platform.machine()} {platform.processor() or ""} {os.cpu_count()} CPU threads; '
                   f'torch {torch.__version__} on {args.device}, {torch.get_num_threads()} threads'.strip(),
        'command': 'python3 training/train.py ' + ' '.join(sys.argv[1:]),
    }
    with open(os.path.join(run_dir, 'history.json'), 'w') as handle:
        json.dump({'summary': summary, 'history': history}, handle, indent=2)
    print(json.dumps(summary['validation'], indent=1), flush=True)
    return summary


def main(argv=None):
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    by_split, spacing = load_cohort(args)
    print(f'studies: ' + ', '.join(f'{k} {len(v)}' for k, v in sorted(by_split.items())), flush=True)
    summaries = [train_run(args, run, by_split, spacing) for run in range(args.runs)]
    with open(os.path.join(args.out, 'runs.json'), 'w') as handle:
        json.dump(summaries, handle, indent=2)


if __name__ == '__main__':
    main()
