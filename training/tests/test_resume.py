"""A tiny training run stopped by SIGTERM and resumed reaches the same weights as one that ran
through; a checkpoint is refused under another configuration or on changed data."""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import unittest

import numpy as np
import torch

TRAIN = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'train.py')
SIZE, SLICES = 32, 6


def write_study(root, name, split, seed, lesion_value=1):
    """A 32 x 32 x 6 study: a liver block with noise and one hot lesion of the given label value."""
    rng = np.random.default_rng(seed)
    folder = os.path.join(root, name, 'training')
    os.makedirs(folder)
    liver = np.zeros((SLICES, SIZE, SIZE), np.uint8)
    liver[:, 6:26, 6:26] = 1
    suv = (liver * (5 + rng.normal(0, 0.5, liver.shape))).astype(np.float32)
    lesions = np.zeros(liver.shape, np.uint16)
    cy, cx = rng.integers(10, 22, 2)
    lesions[1:4, cy - 2:cy + 2, cx - 2:cx + 2] = lesion_value
    suv[lesions > 0] *= 3
    for file, array in (('pet_suv.f32', suv), ('liver.u8', liver), ('lesions.u16', lesions), ('gold.u16', lesions)):
        array.tofile(os.path.join(folder, file))
    meta = {'name': name, 'split': split, 'dimensions': [SIZE, SIZE, SLICES], 'spacing': [4.0, 4.0, 3.0]}
    with open(os.path.join(folder, 'meta.json'), 'w') as handle:
        json.dump(meta, handle)


def make_cohort(root):
    for n, split in enumerate(['train', 'train', 'train', 'val']):
        write_study(root, f'study-{n + 1}', split, seed=n)


def train(data, out, *extra, wait=True):
    command = [sys.executable, TRAIN, '--data', data, '--out', out, '--size', str(SIZE), '--batch', '2',
               '--threads', '1', '--val-every', '20', '--log-every', '1', '--max-iterations', '150',
               '--sampling', 'lesion', '--augment', '--optimiser', 'adam', '--lr', '1e-3', *extra]
    environment = {**os.environ, 'OPENBLAS_NUM_THREADS': '1'}
    if not wait:
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=environment)
    return subprocess.run(command, capture_output=True, text=True, env=environment)


def final_weights(out):
    return torch.load(os.path.join(out, 'checkpoint.pt'), map_location='cpu')['model']


class ResumeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.TemporaryDirectory()
        cls.data = os.path.join(cls.folder.name, 'cohort')
        make_cohort(cls.data)
        cls.through = os.path.join(cls.folder.name, 'through')
        done = train(cls.data, cls.through)
        assert done.returncode == 0, done.stdout + done.stderr

    @classmethod
    def tearDownClass(cls):
        cls.folder.cleanup()

    def test_stopped_and_resumed_run_reaches_the_same_weights(self):
        out = os.path.join(self.folder.name, 'stopped')
        process = train(self.data, out, wait=False)
        lines = []
        for line in process.stdout:
            lines.append(line)
            if line.startswith('it 30 '):
                process.send_signal(signal.SIGTERM)
        process.wait()
        log = ''.join(lines)
        self.assertEqual(process.returncode, 0, log)
        stopped_at = [line for line in lines if line.startswith('SIGTERM: checkpoint written at iteration')]
        self.assertEqual(len(stopped_at), 1, log)
        iteration = int(stopped_at[0].split('iteration ')[1].split(';')[0])
        self.assertLess(iteration, 150)

        resumed = train(self.data, out, '--resume')
        self.assertEqual(resumed.returncode, 0, resumed.stdout + resumed.stderr)
        self.assertIn(f'resumed at iteration {iteration} ', resumed.stdout)
        self.assertIn(f'it {iteration + 1} ', resumed.stdout)
        through, stopped = final_weights(self.through), final_weights(out)
        self.assertEqual(sorted(through), sorted(stopped))
        for key in through:
            self.assertTrue(torch.equal(through[key], stopped[key]), key)
        with open(os.path.join(out, 'history.json')) as handle:
            self.assertEqual(json.load(handle)['summary']['iterations'], 150)

    def test_a_checkpoint_of_another_variant_is_refused(self):
        refused = train(self.data, self.through, '--resume', '--variant', '2.5d')
        self.assertNotEqual(refused.returncode, 0)
        self.assertIn("variant: checkpoint '2d', now '2.5d'", refused.stderr)
        self.assertIn("channels: checkpoint 1, now 3", refused.stderr)

    def test_a_new_run_never_overwrites_a_checkpoint(self):
        refused = train(self.data, self.through)
        self.assertNotEqual(refused.returncode, 0)
        self.assertIn('exists: pass --resume', refused.stderr)

    def test_the_optimiser_state_is_kept_beside_the_checkpoint_and_required(self):
        out = os.path.join(self.folder.name, 'without-optimiser')
        shutil.copytree(self.through, out)
        optimiser_files = [name for name in os.listdir(out) if name.startswith('optimiser-')]
        self.assertEqual(len(optimiser_files), 1)
        os.remove(os.path.join(out, optimiser_files[0]))
        refused = train(self.data, out, '--resume', '--max-iterations', '160')
        self.assertNotEqual(refused.returncode, 0)
        self.assertIn(f'names the optimiser state {optimiser_files[0]}, which is missing', refused.stderr)

    def test_resuming_on_changed_data_is_refused_unless_allowed(self):
        changed = os.path.join(self.folder.name, 'changed')
        make_cohort(changed)
        write_study(changed, 'study-5', 'train', seed=9)
        out = os.path.join(self.folder.name, 'continued')
        shutil.copytree(self.through, out)
        refused = train(changed, out, '--resume', '--max-iterations', '160')
        self.assertNotEqual(refused.returncode, 0)
        self.assertIn('the training data changed since this checkpoint', refused.stderr)

        allowed = train(changed, out, '--resume', '--max-iterations', '160', '--allow-changed-data')
        self.assertEqual(allowed.returncode, 0, allowed.stdout + allowed.stderr)
        with open(os.path.join(out, 'history.json')) as handle:
            events = [row for row in json.load(handle)['history'] if row.get('event') == 'data-changed']
        self.assertEqual(len(events), 1)


if __name__ == '__main__':
    unittest.main()
