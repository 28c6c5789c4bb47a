"""Everything a training run needs to continue bit-for-bit, written so that a stop at any moment
leaves a complete checkpoint behind.

A checkpoint holds the model and optimiser state, the iteration, every random generator's state
(Python, NumPy, torch's global one and the run's own sampling generator), the best validation loss
so far with its iteration, the history, the elapsed training time, and two fingerprints: the run's
configuration (variant, input, target, optimiser, sampling, augmentation) and the training data.
Resuming under another configuration is refused with the differing settings named; resuming on
changed data is refused unless the caller allows it, and then the change is recorded in the history.

The optimiser's state goes to a file of its own, named in the checkpoint (`optimiser-<token>.pt`):
it is as large as the model twice over for Adam, and two files stay small enough to keep in the
repository. The named file is written before the checkpoint that names it and older ones are
removed after, so the checkpoint on disk always names a complete optimiser file.
"""

import glob
import hashlib
import json
import os
import random
import uuid

import numpy as np
import torch

FORMAT = 1


class CheckpointMismatch(SystemExit):
    """Raised (as a clean exit with a message) when a checkpoint does not belong to this run."""


def data_fingerprint(studies):
    """sha256 over each study's name, split, shape and image/target sums: changes when the data does."""
    digest = hashlib.sha256()
    for study in sorted(studies, key=lambda s: s.name):
        row = [study.name, study.split, list(study.image.shape), float(study.image.sum(dtype=np.float64)),
               int(study.target.sum())]
        digest.update(json.dumps(row).encode())
    return digest.hexdigest()


def _write_atomically(value, path):
    """Write to a temporary file, then rename: a stop during the write never leaves half a file."""
    torch.save(value, f'{path}.partial')
    os.replace(f'{path}.partial', path)


def save(path, state, generator):
    folder = os.path.dirname(os.path.abspath(path))
    optimiser_file = f'optimiser-{uuid.uuid4().hex[:12]}.pt'
    _write_atomically(state['optimiser'], os.path.join(folder, optimiser_file))
    random_states = {'python': random.getstate(), 'numpy': np.random.get_state(), 'torch': torch.get_rng_state(),
                     'sampling': generator.get_state()}
    _write_atomically({'format': FORMAT, **state, 'optimiser': None, 'optimiserFile': optimiser_file,
                       'random': random_states}, path)
    for older in glob.glob(os.path.join(folder, 'optimiser-*.pt')):
        if os.path.basename(older) != optimiser_file:
            os.remove(older)


def load(path, config, fingerprint, allow_changed_data=False):
    """The checkpoint's contents, after checking that it belongs to this configuration and data."""
    try:
        checkpoint = torch.load(path, map_location='cpu')
    except Exception as error:  # torch raises several types for a damaged or foreign file
        raise CheckpointMismatch(f'{path}: not a readable training checkpoint ({error})') from error
    if not isinstance(checkpoint, dict) or checkpoint.get('format') != FORMAT:
        raise CheckpointMismatch(f'{path}: not a training checkpoint of format {FORMAT}')
    if checkpoint.get('optimiserFile'):
        optimiser_path = os.path.join(os.path.dirname(os.path.abspath(path)), checkpoint['optimiserFile'])
        if not os.path.exists(optimiser_path):
            raise CheckpointMismatch(f'{path} names the optimiser state {checkpoint["optimiserFile"]}, which is missing '
                                     'beside it: copy both files together')
        checkpoint['optimiser'] = torch.load(optimiser_path, map_location='cpu')
    differing = sorted(key for key in set(config) | set(checkpoint['config'])
                       if config.get(key) != checkpoint['config'].get(key))
    if differing:
        details = ', '.join(f'{key}: checkpoint {checkpoint["config"].get(key)!r}, now {config.get(key)!r}'
                            for key in differing)
        raise CheckpointMismatch(f'{path} was written by another run configuration ({details}); '
                                 'start a new run in another --out folder, or resume with the same settings')
    if checkpoint['dataFingerprint'] != fingerprint:
        if not allow_changed_data:
            raise CheckpointMismatch(f'{path}: the training data changed since this checkpoint '
                                     f'(fingerprint {checkpoint["dataFingerprint"][:12]} -> {fingerprint[:12]}); '
                                     'pass --allow-changed-data to continue on the new data anyway')
        checkpoint['history'].append({'iteration': checkpoint['iteration'], 'event': 'data-changed',
                                      'from': checkpoint['dataFingerprint'], 'to': fingerprint})
        checkpoint['dataFingerprint'] = fingerprint
    return checkpoint


def restore_random_states(checkpoint, generator):
    states = checkpoint['random']
    random.setstate(states['python'])
    np.random.set_state(states['numpy'])
    torch.set_rng_state(states['torch'])
    generator.set_state(states['sampling'])
