"""Everything a training run needs to continue bit-for-bit, in one file written atomically.

A checkpoint holds the model and optimiser state, the iteration, every random generator's state
(Python, NumPy, torch's global one and the run's own sampling generator), the best validation loss
so far with its iteration, the history, the elapsed training time, and two fingerprints: the run's
configuration (variant, input, target, optimiser, sampling, augmentation) and the training data.
Resuming under another configuration is refused with the differing settings named; resuming on
changed data is refused unless the caller allows it, and then the change is recorded in the history.
"""

import hashlib
import json
import os
import random

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


def save(path, state, generator):
    """Write to a temporary file, then rename: a stop during the write never leaves half a checkpoint."""
    temporary = f'{path}.partial'
    random_states = {'python': random.getstate(), 'numpy': np.random.get_state(), 'torch': torch.get_rng_state(),
                     'sampling': generator.get_state()}
    torch.save({'format': FORMAT, **state, 'random': random_states}, temporary)
    os.replace(temporary, path)


def load(path, config, fingerprint, allow_changed_data=False):
    """The checkpoint's contents, after checking that it belongs to this configuration and data."""
    try:
        checkpoint = torch.load(path, map_location='cpu')
    except Exception as error:  # torch raises several types for a damaged or foreign file
        raise CheckpointMismatch(f'{path}: not a readable training checkpoint ({error})') from error
    if not isinstance(checkpoint, dict) or checkpoint.get('format') != FORMAT:
        raise CheckpointMismatch(f'{path}: not a training checkpoint of format {FORMAT}')
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
