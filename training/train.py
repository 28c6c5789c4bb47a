"""Train the residual U-Net on the phantom cohort's training export, resumably.

    python3 training/train.py --data COHORT_DIR --out training/runs/replica --variant 2d
    python3 training/train.py --data COHORT_DIR --out training/runs/replica --variant 2d --resume

One run per output folder. Every --checkpoint-minutes, and on SIGTERM / SIGINT, the run writes
OUT/checkpoint.pt (see checkpoint.py); --resume continues from it bit-for-bit, on the CPU or on CUDA.
Validation loss on the val split every --val-every iterations; the best weights are kept in
OUT/best-weights.pt; early stop after --patience iterations without a lower validation loss,
bounded by --max-iterations and --max-minutes (training time summed over resumed sessions). At the
end OUT/history.json holds the summary export.py reads and the validation history.

Recipes: the paper's (`--variant 2d --target gold --optimiser sgd --sampling uniform`, the defaults)
and the project's better model (`--variant 2.5d --target lesions --optimiser adam --lr 1e-3
--sampling lesion --augment`); training/README.md gives the exact commands of the shipped weights.
"""

import argparse
import json
import os
import platform
import signal
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import checkpoint  # noqa: E402
from augment import augment  # noqa: E402
from data import NORMALISATION, SliceDataset, load_cohort  # noqa: E402
from metrics import score_slices  # noqa: E402
from unet import ResidualUNet, parameter_count  # noqa: E402

CHANNELS = {'2d': 1, '2.5d': 3}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--data', required=True, help='cohort directory (studies with training/meta.json)')
    parser.add_argument('--out', required=True, help='this run\'s folder (checkpoint, best weights, history)')
    parser.add_argument('--resume', action='store_true', help='continue from OUT/checkpoint.pt')
    parser.add_argument('--allow-changed-data', action='store_true',
                        help='resume even though the training data changed (recorded in the history)')
    parser.add_argument('--variant', choices=sorted(CHANNELS), default='2d')
    parser.add_argument('--target', choices=['gold', 'lesions'], default='gold',
                        help='gold: the paper-style PERCIST + edge gold standard; lesions: the true lesions')
    parser.add_argument('--size', type=int, default=128, help='input side in pixels (multiple of 8)')
    parser.add_argument('--spacing', type=float, nargs=2, default=None,
                        help='training in-plane spacing x y in mm (default: the first study\'s)')
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--batch', type=int, default=8)
    parser.add_argument('--optimiser', choices=['sgd', 'adam'], default='sgd')
    parser.add_argument('--lr', type=float, default=0.01)
    parser.add_argument('--momentum', type=float, default=0.9, help='SGD only')
    parser.add_argument('--sampling', choices=['uniform', 'lesion'], default='uniform',
                        help='lesion: --lesion-fraction of every batch drawn from slices with lesions')
    parser.add_argument('--lesion-fraction', type=float, default=0.5)
    parser.add_argument('--augment', action='store_true', help='scanner-variety augmentation (augment.py)')
    parser.add_argument('--max-iterations', type=int, default=100_000)
    parser.add_argument('--patience', type=int, default=20_000, help='iterations without validation improvement')
    parser.add_argument('--val-every', type=int, default=500)
    parser.add_argument('--log-every', type=int, default=50)
    parser.add_argument('--checkpoint-minutes', type=float, default=3.0)
    parser.add_argument('--max-minutes', type=float, default=None, help='training-time budget of the run')
    parser.add_argument('--threads', type=int, default=2)
    parser.add_argument('--device', default='cuda' if torch.cuda.is_available() else 'cpu')
    return parser.parse_args(argv)


def run_config(args):
    """The settings a checkpoint must share with the run that resumes it."""
    return {'variant': args.variant, 'channels': CHANNELS[args.variant], 'inputSize': args.size,
            'spacing': args.spacing, 'target': args.target, 'seed': args.seed, 'batch': args.batch,
            'optimiser': args.optimiser, 'lr': args.lr, 'momentum': args.momentum if args.optimiser == 'sgd' else None,
            'sampling': args.sampling, 'lesionFraction': args.lesion_fraction if args.sampling == 'lesion' else None,
            'augment': args.augment}


def dice_loss(probability, target, eps=1.0):
    intersection = (probability * target).sum()
    return 1 - (2 * intersection + eps) / (probability.sum() + target.sum() + eps)


def combined_loss(probability, target):
    """6:1 linear combination of binary cross-entropy and Dice, as in the paper."""
    bce = torch.nn.functional.binary_cross_entropy(probability, target)
    return (6 * bce + dice_loss(probability, target)) / 7


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


class BatchSampler:
    """Draws each batch's slice indices from the run's generator (its state is in the checkpoint)."""

    def __init__(self, dataset, args, generator):
        self.dataset, self.batch, self.generator = dataset, args.batch, generator
        self.lesion_count = round(args.batch * args.lesion_fraction) if args.sampling == 'lesion' else 0
        self.lesion_items = torch.tensor(dataset.items_with_target(), dtype=torch.long)
        if self.lesion_count and len(self.lesion_items) == 0:
            raise SystemExit('--sampling lesion: no training slice holds a lesion of the chosen --target')

    def next(self):
        picks = self.lesion_items[torch.randint(len(self.lesion_items), (self.lesion_count,), generator=self.generator)]
        rest = torch.randint(len(self.dataset), (self.batch - self.lesion_count,), generator=self.generator)
        pairs = [self.dataset[int(i)] for i in torch.cat([picks, rest])]
        return torch.stack([x for x, _ in pairs]), torch.stack([y for _, y in pairs])


def make_optimiser(args, model):
    if args.optimiser == 'adam':
        return torch.optim.Adam(model.parameters(), lr=args.lr)
    return torch.optim.SGD(model.parameters(), lr=args.lr, momentum=args.momentum)


class StopRequest:
    """SIGTERM / SIGINT set a flag; the loop writes a checkpoint at the end of the current step and exits."""

    def __init__(self):
        self.signal = None
        for number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(number, self._handle)

    def _handle(self, number, _frame):
        self.signal = signal.Signals(number).name


def train(args):
    torch.set_num_threads(args.threads)
    config = run_config(args)
    by_split, spacing = load_cohort(args.data, args.size, args.spacing, args.target)
    config['spacing'] = spacing
    train_set = SliceDataset(by_split['train'], CHANNELS[args.variant])
    val_set = SliceDataset(by_split['val'], CHANNELS[args.variant])
    fingerprint = checkpoint.data_fingerprint(by_split['train'] + by_split['val'])
    print(f'studies: train {len(by_split["train"])} ({len(train_set)} slices), '
          f'val {len(by_split["val"])} ({len(val_set)} slices)', flush=True)

    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    generator = torch.Generator().manual_seed(args.seed)
    model = ResidualUNet(CHANNELS[args.variant]).to(args.device)
    optimiser = make_optimiser(args, model)
    os.makedirs(args.out, exist_ok=True)
    checkpoint_path = os.path.join(args.out, 'checkpoint.pt')
    best_path = os.path.join(args.out, 'best-weights.pt')
    state = {'iteration': 0, 'bestLoss': float('inf'), 'bestIteration': 0, 'history': [], 'seconds': 0.0,
             'stopReason': None}
    if args.resume:
        if not os.path.exists(checkpoint_path):
            raise SystemExit(f'--resume: no checkpoint at {checkpoint_path}')
        saved = checkpoint.load(checkpoint_path, config, fingerprint, args.allow_changed_data)
        model.load_state_dict(saved['model'])
        optimiser.load_state_dict(saved['optimiser'])
        checkpoint.restore_random_states(saved, generator)
        state = {key: saved[key] for key in state} | {'stopReason': None}
        print(f'resumed at iteration {state["iteration"]} ({state["seconds"] / 60:.1f} min trained, '
              f'best val loss {state["bestLoss"]:.4f} at {state["bestIteration"]})', flush=True)
    elif os.path.exists(checkpoint_path):
        raise SystemExit(f'{checkpoint_path} exists: pass --resume to continue it, or choose another --out')

    def write_checkpoint():
        checkpoint.save(checkpoint_path, {'config': config, 'dataFingerprint': fingerprint,
                                          'model': model.state_dict(), 'optimiser': optimiser.state_dict(),
                                          **state}, generator)

    sampler, stop = BatchSampler(train_set, args, generator), StopRequest()
    model.train()
    session_start = last_checkpoint = last_log = time.time()
    seconds_at_start, iteration_at_log = state['seconds'], state['iteration']
    while state['stopReason'] is None:
        x, y = sampler.next()
        if args.augment:
            x, y = augment(x, y, generator)
        loss = combined_loss(model(x.to(args.device)), y.to(args.device))
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        state['iteration'] += 1
        iteration, now = state['iteration'], time.time()
        state['seconds'] = seconds_at_start + now - session_start
        if iteration % args.log_every == 0:
            rate = (iteration - iteration_at_log) / max(now - last_log, 1e-9)
            print(f'it {iteration} loss {loss.item():.4f} {rate:.2f} steps/s {state["seconds"] / 60:.1f} min', flush=True)
            last_log, iteration_at_log = now, iteration
        if iteration % args.val_every == 0 or iteration == args.max_iterations:
            _, val_loss = predict(model, val_set, args.device)
            state['history'].append({'iteration': iteration, 'trainLoss': loss.item(), 'valLoss': val_loss,
                                     'minutes': round(state['seconds'] / 60, 2)})
            print(f'it {iteration} val loss {val_loss:.4f}', flush=True)
            if val_loss < state['bestLoss']:
                state['bestLoss'], state['bestIteration'] = val_loss, iteration
                torch.save(model.state_dict(), best_path)
            if iteration - state['bestIteration'] >= args.patience:
                state['stopReason'] = 'early-stop'
        if iteration >= args.max_iterations:
            state['stopReason'] = 'max-iterations'
        elif args.max_minutes and state['seconds'] >= args.max_minutes * 60:
            state['stopReason'] = 'time-budget'
        if stop.signal or state['stopReason'] or now - last_checkpoint >= args.checkpoint_minutes * 60:
            write_checkpoint()
            last_checkpoint = now
            if stop.signal:
                print(f'{stop.signal}: checkpoint written at iteration {iteration}; continue with --resume', flush=True)
                return None
    return summarise(args, config, state, model, val_set, by_split)


def summarise(args, config, state, model, val_set, by_split):
    """Score the best weights on the validation split and write OUT/history.json."""
    best_path = os.path.join(args.out, 'best-weights.pt')
    if os.path.exists(best_path):
        model.load_state_dict(torch.load(best_path, map_location=args.device))
    else:  # stopped before the first validation: the current weights are the best known
        torch.save(model.state_dict(), best_path)
    probabilities, val_loss = predict(model, val_set, args.device)
    targets = np.stack([val_set.studies[s].target[k] for s, k in val_set.index])
    summary = {
        'variant': args.variant, 'channels': config['channels'], 'inputSize': args.size,
        'spacingMm': config['spacing'], 'normalisation': NORMALISATION, 'seed': args.seed, 'target': args.target,
        'iterations': state['iteration'], 'bestIteration': state['bestIteration'], 'stopReason': state['stopReason'],
        'trainingMinutes': round(state['seconds'] / 60, 1), 'batch': args.batch,
        'optimiser': {'kind': args.optimiser, 'lr': args.lr, **({'momentum': args.momentum} if args.optimiser == 'sgd' else {})},
        'sampling': args.sampling, 'lesionFraction': config['lesionFraction'], 'augment': args.augment,
        'trainSlices': sum(len(s.liver_slices) for s in by_split['train']), 'valSlices': len(val_set),
        'trainStudies': len(by_split['train']), 'valStudies': len(by_split['val']),
        'validation': {'loss': round(val_loss, 5), 'perPixelFilter': score_slices(probabilities, targets)},
        'parameters': parameter_count(model),
        'machine': f'{platform.machine()} {os.cpu_count()} CPU threads; '
                   f'torch {torch.__version__} on {args.device}, {torch.get_num_threads()} threads',
        'command': 'python3 training/train.py ' + ' '.join(sys.argv[1:]),
    }
    with open(os.path.join(args.out, 'history.json'), 'w') as handle:
        json.dump({'summary': summary, 'history': state['history']}, handle, indent=2)
    print(json.dumps(summary['validation'], indent=1), flush=True)
    return summary


if __name__ == '__main__':
    train(parse_args())
