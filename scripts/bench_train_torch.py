"""PyTorch side of scripts/bench-train.sh: training throughput of the CIFAR ResNet that dp4tl's
DJL trainer builds (io.dp4tl.djl.Architecture), same input (32x32 grey, v/255), same batch,
same optimiser (SGD, momentum, weight decay), same shift augmentation and thread count; like the trainer it reads the loss and counts the
correct predictions of every batch.
Prints one line: 'torch images/s <value>'."""
import argparse
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def conv(cin, cout, k, stride):
    return nn.Conv2d(cin, cout, k, stride=stride, padding=k // 2, bias=False)


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.main = nn.Sequential(conv(cin, cout, 3, stride), nn.BatchNorm2d(cout), nn.ReLU(),
                                  conv(cout, cout, 3, 1), nn.BatchNorm2d(cout))
        self.short = (nn.Sequential(conv(cin, cout, 1, stride), nn.BatchNorm2d(cout))
                      if stride != 1 or cin != cout else nn.Identity())

    def forward(self, x):
        return F.relu(self.main(x) + self.short(x))


def resnet(depth, width, classes):
    n = (depth - 2) // 6
    layers = [conv(1, width, 3, 1), nn.BatchNorm2d(width), nn.ReLU()]
    cin = width
    for stage in range(3):
        cout = width << stage
        for b in range(n):
            layers.append(BasicBlock(cin, cout, 2 if stage > 0 and b == 0 else 1))
            cin = cout
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, classes)]
    return nn.Sequential(*layers)


def shifted(batch, gen, max_shift=4):
    out = torch.zeros_like(batch)
    shifts = torch.randint(-max_shift, max_shift + 1, (batch.shape[0], 2), generator=gen).tolist()
    size = batch.shape[-1]
    for i, (dx, dy) in enumerate(shifts):
        ys, yd = (0, dy) if dy >= 0 else (-dy, 0)
        xs, xd = (0, dx) if dx >= 0 else (-dx, 0)
        h, w = size - abs(dy), size - abs(dx)
        out[i, :, yd:yd + h, xd:xd + w] = batch[i, :, ys:ys + h, xs:xs + w]
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--depth", type=int, default=20)
    p.add_argument("--width", type=int, default=16)
    p.add_argument("--classes", type=int, default=10)
    p.add_argument("--samples", type=int, default=2560)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--epochs", type=int, default=3, help="timed epochs, after one warm-up epoch")
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    gen = torch.Generator().manual_seed(0)
    pixels = torch.randint(0, 256, (a.samples, 1, 32, 32), dtype=torch.uint8, generator=gen)
    labels = torch.randint(0, a.classes, (a.samples,), generator=gen)
    model = resnet(a.depth, a.width, a.classes)
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4)
    model.train()

    def epoch():
        order = torch.randperm(a.samples, generator=gen)
        for start in range(0, a.samples, a.batch):
            idx = order[start:start + a.batch]
            x = shifted(pixels[idx].float().div_(255), gen)
            y = labels[idx]
            opt.zero_grad(set_to_none=False)
            logits = model(x)
            loss = F.cross_entropy(logits, y)
            loss.backward()
            opt.step()
            loss.item()
            (logits.argmax(1) == y).sum().item()

    epoch()
    t0 = time.perf_counter()
    for _ in range(a.epochs):
        epoch()
    seconds = time.perf_counter() - t0
    print(f"torch images/s {a.samples * a.epochs / seconds:.1f}")
    print(f"torch version {torch.__version__}, threads {torch.get_num_threads()}")


if __name__ == "__main__":
    main()
