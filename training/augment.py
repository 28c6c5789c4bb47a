"""Scanner-variety augmentation of liver-masked PET slices, drawn from one torch.Generator.

Every random number comes from the generator the caller passes, so a run that saves the
generator's state in its checkpoint resumes bit-for-bit. Each batch item gets its own draw of:
  - in-plane zoom 0.85-1.2 (pixels of about 3.9-5.5 mm seen on the model's 4.6875 mm grid),
  - extra Gaussian blur of 0-2 pixels FWHM (reconstructions of 5-9 mm resolution),
  - global uptake scale 0.55-2.2 (liver SUV about 3-12 around the phantom's 5.5),
  - multiplicative noise of 0-15 % on top of the phantom's own (noise CoV up to about 30 %).
Image and target move together (zoom); intensity changes touch the image only, and only inside the
liver (the input is zero outside it).
"""

import math

import torch
import torch.nn.functional as F

from data import NORMALISATION

ZOOM = (0.85, 1.2)
BLUR_FWHM_PX = (0.0, 2.0)
UPTAKE_SCALE = (0.55, 2.2)
EXTRA_NOISE = (0.0, 0.15)
# The normalisation clips SUV at 40 and divides by 10: a scaled slice stays inside the same range.
NORMALISED_MAX = NORMALISATION['clipSuv'] / NORMALISATION['scale']


def _uniform(generator, low, high, count):
    return low + (high - low) * torch.rand(count, generator=generator)


def _zoom(images, targets, factors):
    """Scale each item about its centre by its factor (bilinear image, nearest target)."""
    count = images.shape[0]
    theta = torch.zeros(count, 2, 3)
    theta[:, 0, 0] = 1 / factors
    theta[:, 1, 1] = 1 / factors
    grid = F.affine_grid(theta, list(images.shape), align_corners=False)
    zoomed_images = F.grid_sample(images, grid, mode='bilinear', padding_mode='zeros', align_corners=False)
    zoomed_targets = F.grid_sample(targets, grid, mode='nearest', padding_mode='zeros', align_corners=False)
    return zoomed_images, zoomed_targets


def _blur(images, fwhm_px):
    """Separable Gaussian blur per item; FWHM 0 leaves the item unchanged."""
    blurred = images.clone()
    for item, fwhm in enumerate(fwhm_px.tolist()):
        if fwhm < 0.3:
            continue
        sigma = fwhm / (2 * math.sqrt(2 * math.log(2)))
        radius = max(1, math.ceil(3 * sigma))
        offsets = torch.arange(-radius, radius + 1, dtype=torch.float32)
        kernel = torch.exp(-offsets ** 2 / (2 * sigma ** 2))
        kernel /= kernel.sum()
        channels = images.shape[1]
        x = images[item:item + 1]
        x = F.conv2d(x, kernel.view(1, 1, 1, -1).repeat(channels, 1, 1, 1), padding=(0, radius), groups=channels)
        x = F.conv2d(x, kernel.view(1, 1, -1, 1).repeat(channels, 1, 1, 1), padding=(radius, 0), groups=channels)
        blurred[item:item + 1] = x
    return blurred


def augment(images, targets, generator):
    """images (N, C, H, W) normalised liver-masked PET, targets (N, 1, H, W) in {0, 1}."""
    count = images.shape[0]
    images, targets = _zoom(images, targets, _uniform(generator, *ZOOM, count))
    images = _blur(images, _uniform(generator, *BLUR_FWHM_PX, count))
    scale = _uniform(generator, *UPTAKE_SCALE, count).view(-1, 1, 1, 1)
    noise_level = _uniform(generator, *EXTRA_NOISE, count).view(-1, 1, 1, 1)
    noise = torch.randn(images.shape, generator=generator) * noise_level
    inside = (images > 0).float()
    images = (images * scale * (1 + noise)).clamp(0, NORMALISED_MAX) * inside
    return images, (targets > 0.5).float()
