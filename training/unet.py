"""The residual U-Net of Wehrend et al. (2021), 2D and 2.5D.

Down path: four residual blocks (16, 32, 64, 128 channels) joined by stride-2 3x3 convolutions.
Up path: four residual blocks joined by stride-2 transposed convolutions; four long skips add each
down block's output to the up block of the same resolution. Two context-aggregation transposed
convolutions (stride 4 from the 32² level, stride 8 from the 16² level, for a 128² input) are
added to the last residual block's output before the final 1x1 convolution and the sigmoid.

Input: (batch, channels, H, W) normalised liver-masked PET, H and W multiples of 8; channels is 1
for the 2D variant and 3 (slices k-1, k, k+1) for the 2.5D variant. Output: lesion probability
(batch, 1, H, W) in [0, 1].
"""

import torch
from torch import nn

WIDTHS = (16, 32, 64, 128)


class ResidualBlock(nn.Module):
    """Two 3x3 conv + batch-norm layers with an identity shortcut (channel count unchanged)."""

    def __init__(self, channels: int):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(channels)
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(channels)
        self.relu = nn.ReLU(inplace=True)

    def forward(self, x):
        y = self.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return self.relu(x + y)


class ResidualUNet(nn.Module):
    def __init__(self, in_channels: int = 1, widths=WIDTHS):
        super().__init__()
        w1, w2, w3, w4 = widths
        self.stem = nn.Conv2d(in_channels, w1, 3, padding=1)
        self.down_blocks = nn.ModuleList([ResidualBlock(w) for w in widths])
        # Stride-2 3x3 convolutions with padding 1 halve H and W exactly for even sizes.
        self.downsample = nn.ModuleList(
            [nn.Conv2d(a, b, 3, stride=2, padding=1) for a, b in zip(widths[:-1], widths[1:])]
        )
        self.up_blocks = nn.ModuleList([ResidualBlock(w) for w in reversed(widths)])
        self.upsample = nn.ModuleList(
            [nn.ConvTranspose2d(b, a, 2, stride=2) for a, b in reversed(list(zip(widths[:-1], widths[1:])))]
        )
        # Context aggregation: bring the two coarsest up-path levels straight to full resolution.
        self.context_from_quarter = nn.ConvTranspose2d(w3, w1, 4, stride=4)
        self.context_from_eighth = nn.ConvTranspose2d(w4, w1, 8, stride=8)
        self.head = nn.Conv2d(w1, 1, 1)

    def forward(self, x):
        x = self.stem(x)
        skips = []
        for level, block in enumerate(self.down_blocks):
            x = block(x)
            skips.append(x)
            if level < len(self.downsample):
                x = self.downsample[level](x)
        up_outputs = []
        for level, block in enumerate(self.up_blocks):
            if level > 0:
                x = self.upsample[level - 1](x)
            # Long skip: add the down block's output at this resolution.
            x = block(x) + skips[-1 - level]
            up_outputs.append(x)
        eighth, quarter = up_outputs[0], up_outputs[1]
        fused = x + self.context_from_quarter(quarter) + self.context_from_eighth(eighth)
        return torch.sigmoid(self.head(fused))


def parameter_count(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


if __name__ == '__main__':
    for channels in (1, 3):
        net = ResidualUNet(channels)
        out = net(torch.zeros(2, channels, 128, 128))
        print(f'{channels} channel(s): {parameter_count(net):,} parameters, output {tuple(out.shape)}')
