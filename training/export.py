"""Export a trained run to ONNX (opset 17) and write the model manifest beside it.

    python3 training/export.py --run training/runs/2d/run-1 \
        --out extensions/dotatate-liver/models --name unet-2d --data-description "..."

The manifest is what the inference layer reads: input size, spacing, channels and normalisation,
default thresholds, the sha256 of the ONNX file, and how and on what the weights were trained.
"""

import argparse
import hashlib
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from unet import ResidualUNet  # noqa: E402

OPSET = 17


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--run', required=True, help='run directory with best-weights.pt and history.json')
    parser.add_argument('--out', required=True, help='directory for <name>.onnx and <name>.manifest.json')
    parser.add_argument('--name', required=True, help='file stem, e.g. unet-2d')
    parser.add_argument('--version', default='0.1.0')
    parser.add_argument('--data-description', default='', help='what the training data was')
    parser.add_argument('--note', default='', help='caveats to record in the manifest')
    return parser.parse_args(argv)


def export(model, channels, size, path):
    model.eval()
    torch.onnx.export(model, torch.zeros(1, channels, size, size), path, opset_version=OPSET,
                      input_names=['input'], output_names=['probability'],
                      # Batch and spatial size are free: the net is fully convolutional (H, W multiples of 8).
                      dynamic_axes={'input': {0: 'batch', 2: 'height', 3: 'width'},
                                    'probability': {0: 'batch', 2: 'height', 3: 'width'}})


def write_reference(model, channels, path, size=32, seed=7):
    """PyTorch's own output on a small fixed input, so the runtimes can be checked against it."""
    generator = torch.Generator().manual_seed(seed)
    x = 0.6 + 0.2 * torch.rand(1, channels, size, size, generator=generator)
    x[x > 0.79] *= 3  # a few hot pixels
    with torch.no_grad():
        y = model.eval()(x)
    reference = {'producedBy': f'torch {torch.__version__}', 'inputShape': list(x.shape),
                 'input': [float(v) for v in x.flatten()], 'output': [float(v) for v in y.flatten()]}
    with open(path, 'w') as handle:
        json.dump(reference, handle)


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, 'rb') as handle:
        for block in iter(lambda: handle.read(1 << 20), b''):
            digest.update(block)
    return digest.hexdigest()


def main(argv=None):
    args = parse_args(argv)
    with open(os.path.join(args.run, 'history.json')) as handle:
        summary = json.load(handle)['summary']
    model = ResidualUNet(summary['channels'])
    model.load_state_dict(torch.load(os.path.join(args.run, 'best-weights.pt'), map_location='cpu'))
    os.makedirs(args.out, exist_ok=True)
    onnx_file = f'{args.name}.onnx'
    onnx_path = os.path.join(args.out, onnx_file)
    export(model, summary['channels'], summary['inputSize'], onnx_path)
    size = summary['inputSize']
    manifest = {
        'name': f'dotatate-liver-{args.name}',
        'version': args.version,
        'variant': summary['variant'],
        'file': onnx_file,
        'sha256': sha256_of(onnx_path),
        'bytes': os.path.getsize(onnx_path),
        'format': {'kind': 'onnx', 'opset': OPSET},
        'input': {'name': 'input', 'layout': 'NCHW', 'channels': summary['channels'], 'height': size,
                  'width': size, 'spacingMm': summary['spacingMm'],
                  'sliceOffsets': [0] if summary['channels'] == 1 else [-1, 0, 1]},
        'output': {'name': 'probability', 'meaning': 'lesion probability per pixel, after sigmoid'},
        'normalisation': summary['normalisation'],
        'thresholds': {'binarisation': 0.05, 'minAreaPx': 15},
        'architecture': {'kind': 'residual-unet', 'widths': [16, 32, 64, 128], 'parameters': summary['parameters']},
        'training': {
            'data': args.data_description, 'target': summary['target'], 'command': summary['command'],
            'seed': summary['seed'], 'iterations': summary['iterations'], 'bestIteration': summary['bestIteration'],
            'stopReason': summary['stopReason'], 'minutes': summary['trainingMinutes'],
            'machine': summary['machine'], 'trainStudies': summary['trainStudies'],
            'trainSlices': summary['trainSlices'], 'optimiser': {**summary['optimiser'], 'batch': summary['batch']},
            'sampling': summary['sampling'], 'lesionFraction': summary['lesionFraction'], 'augment': summary['augment'],
            'loss': '6:1 binary cross-entropy : Dice', 'note': args.note,
        },
        'validation': {'split': 'val', 'studies': summary['valStudies'], 'slices': summary['valSlices'],
                       'binarisation': 0.05, 'iouMin': 0.05, **summary['validation']},
    }
    write_reference(model, summary['channels'], os.path.join(args.out, f'{args.name}.reference.json'))
    manifest_path = os.path.join(args.out, f'{args.name}.manifest.json')
    with open(manifest_path, 'w') as handle:
        json.dump(manifest, handle, indent=2)
        handle.write('\n')
    print(f'{onnx_path}: {manifest["bytes"]} bytes, sha256 {manifest["sha256"]}\n{manifest_path}')


if __name__ == '__main__':
    main()
