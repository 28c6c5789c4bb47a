"""Liver-masked PET slices from the phantom generator's training export.

Each study directory holds `training/meta.json` and raw little-endian arrays stored x (column)
fastest, then y (row), then z (slice): `pet_suv.f32` (SUVbw), `liver.u8` (0/1), `lesions.u16`
(the phantom's true lesions) and `gold.u16` (the simulated semi-automatic gold standard, what the
paper trained on). Slices are resampled in-plane to the training spacing, cropped or padded to a
square around the liver's in-plane bounding box, masked to the liver and normalised:
x = min(max(SUV, 0), clip) / scale. Only slices that contain liver are used.
"""

import json
import os
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

SPLIT_ALIASES = {'validation': 'val', 'training': 'train', 'testing': 'test'}

NORMALISATION = {'kind': 'liver-masked-clipped-suv', 'clipSuv': 40.0, 'scale': 10.0}


@dataclass
class Study:
    name: str
    split: str
    spacing: tuple  # (x, y, z) mm
    image: np.ndarray  # (slices, size, size) float32, normalised and liver-masked
    liver: np.ndarray  # (slices, size, size) uint8
    target: np.ndarray  # (slices, size, size) uint8 lesion mask
    liver_slices: np.ndarray  # indices k of slices that contain liver


def _read_meta(study_dir):
    with open(os.path.join(study_dir, 'training', 'meta.json')) as handle:
        return json.load(handle)


def _meta_dims_spacing(meta):
    """Accepts either top-level dimensions/spacing or a nested `geometry` object."""
    geometry = meta.get('geometry', meta)
    return [int(v) for v in geometry['dimensions']], [float(v) for v in geometry['spacing']]


def _read_array(path, dtype, dims):
    columns, rows, slices = dims
    data = np.fromfile(path, dtype=np.dtype(dtype).newbyteorder('<'))
    expected = columns * rows * slices
    if data.size != expected:
        raise ValueError(f'{path}: {data.size} values, expected {expected} for {dims}')
    return data.reshape(slices, rows, columns)


def cohort_splits(root):
    """Study name -> split from a cohort index JSON at the root (any *.json listing {name, split}), if any."""
    splits = {}
    for entry in sorted(os.listdir(root)):
        if not entry.endswith('.json'):
            continue
        try:
            with open(os.path.join(root, entry)) as handle:
                index = json.load(handle)
        except (OSError, ValueError):
            continue
        rows = index.get('studies', []) if isinstance(index, dict) else index
        for row in rows if isinstance(rows, list) else []:
            if isinstance(row, dict) and 'name' in row and 'split' in row:
                splits[str(row['name'])] = str(row['split'])
    return splits


def find_studies(root):
    """Study directories under root (any depth) that contain training/meta.json, sorted."""
    found = []
    for current, _dirs, files in os.walk(root):
        if os.path.basename(current) == 'training' and 'meta.json' in files:
            found.append(os.path.dirname(current))
    return sorted(found)


def _resample_plane(volume, factor_y, factor_x, mode):
    """Resample (slices, rows, columns) in-plane by the given scale factors."""
    if abs(factor_y - 1) < 1e-6 and abs(factor_x - 1) < 1e-6:
        return volume
    tensor = torch.from_numpy(np.ascontiguousarray(volume, dtype=np.float32))[:, None]
    size = (max(1, round(volume.shape[1] * factor_y)), max(1, round(volume.shape[2] * factor_x)))
    kwargs = {'align_corners': False} if mode == 'bilinear' else {}
    return F.interpolate(tensor, size=size, mode=mode, **kwargs)[:, 0].numpy()


def _crop_square(volume, centre_y, centre_x, size):
    """Crop or zero-pad (slices, rows, columns) to (slices, size, size) centred on the point."""
    slices, rows, columns = volume.shape
    out = np.zeros((slices, size, size), dtype=volume.dtype)
    y0, x0 = centre_y - size // 2, centre_x - size // 2
    sy0, sx0 = max(0, y0), max(0, x0)
    sy1, sx1 = min(rows, y0 + size), min(columns, x0 + size)
    if sy1 > sy0 and sx1 > sx0:
        out[:, sy0 - y0:sy1 - y0, sx0 - x0:sx1 - x0] = volume[:, sy0:sy1, sx0:sx1]
    return out


def normalise(suv, liver):
    clip, scale = NORMALISATION['clipSuv'], NORMALISATION['scale']
    return (np.clip(suv, 0.0, clip) / scale * (liver > 0)).astype(np.float32)


def load_study(study_dir, size, spacing_xy, target_kind='gold', split_hint=None):
    meta = _read_meta(study_dir)
    dims, spacing = _meta_dims_spacing(meta)
    folder = os.path.join(study_dir, 'training')
    suv = _read_array(os.path.join(folder, 'pet_suv.f32'), np.float32, dims)
    liver = _read_array(os.path.join(folder, 'liver.u8'), np.uint8, dims)
    labels = _read_array(os.path.join(folder, f'{target_kind}.u16'), np.uint16, dims)
    factor_x, factor_y = spacing[0] / spacing_xy[0], spacing[1] / spacing_xy[1]
    suv = _resample_plane(suv, factor_y, factor_x, 'bilinear')
    liver = _resample_plane(liver.astype(np.float32), factor_y, factor_x, 'nearest') > 0.5
    lesion = _resample_plane((labels > 0).astype(np.float32), factor_y, factor_x, 'nearest') > 0.5
    liver_slices = np.nonzero(liver.any(axis=(1, 2)))[0]
    if liver_slices.size == 0:
        raise ValueError(f'{study_dir}: the liver mask is empty')
    ys, xs = np.nonzero(liver.any(axis=0))
    centre_y, centre_x = (ys.min() + ys.max() + 1) // 2, (xs.min() + xs.max() + 1) // 2
    image = _crop_square(normalise(suv, liver), centre_y, centre_x, size)
    liver_crop = _crop_square(liver.astype(np.uint8), centre_y, centre_x, size)
    target = _crop_square((lesion & liver).astype(np.uint8), centre_y, centre_x, size)
    split = SPLIT_ALIASES.get(str(meta.get('split', split_hint or 'train')), str(meta.get('split', split_hint or 'train')))
    return Study(os.path.basename(os.path.normpath(study_dir)), split, tuple(spacing), image, liver_crop, target,
                 liver_slices)


def slice_channels(image, k, channels):
    """(channels, size, size): slice k alone (2D) or k-1, k, k+1 clamped at the ends (2.5D)."""
    if channels == 1:
        return image[k:k + 1]
    half = channels // 2
    ks = [min(max(k + d, 0), image.shape[0] - 1) for d in range(-half, half + 1)]
    return image[ks]


class SliceDataset(torch.utils.data.Dataset):
    """All liver-containing slices of the given studies as (input, target) tensors."""

    def __init__(self, studies, channels):
        self.studies = studies
        self.channels = channels
        self.index = [(s, int(k)) for s, study in enumerate(studies) for k in study.liver_slices]

    def items_with_target(self):
        """Dataset indices of the slices whose target holds lesion pixels."""
        return [item for item, (s, k) in enumerate(self.index) if self.studies[s].target[k].any()]

    def __len__(self):
        return len(self.index)

    def __getitem__(self, item):
        s, k = self.index[item]
        study = self.studies[s]
        x = torch.from_numpy(np.ascontiguousarray(slice_channels(study.image, k, self.channels)))
        y = torch.from_numpy(study.target[k:k + 1].astype(np.float32))
        return x, y


def load_cohort(root, size, spacing_xy=None, target_kind='gold'):
    """Every study under root, resampled to spacing_xy (default: the first study's), grouped by split."""
    dirs = find_studies(root)
    if not dirs:
        raise SystemExit(f'No study with training/meta.json under {root}')
    if spacing_xy is None:
        spacing_xy = _meta_dims_spacing(_read_meta(dirs[0]))[1][:2]
    splits = cohort_splits(root)
    by_split = {}
    for study_dir in dirs:
        study = load_study(study_dir, size, spacing_xy, target_kind, splits.get(os.path.basename(os.path.normpath(study_dir))))
        by_split.setdefault(study.split, []).append(study)
    if not by_split.get('train') or not by_split.get('val'):
        raise SystemExit(f'Need train and val studies; found splits {sorted((k, len(v)) for k, v in by_split.items())}')
    return by_split, [float(v) for v in spacing_xy]
