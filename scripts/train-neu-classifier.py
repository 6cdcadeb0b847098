#!/usr/bin/python3
"""Train the NEU steel-defect classifier that the precision tools are proven on.

Tooling only (the product never needs Python): Debian's python3-torch, CPU, a few minutes.
Run from the project root:  /usr/bin/python3 scripts/train-neu-classifier.py
Reads   ../shared/datasets/neu-det/{IMAGES,Validation_Images}/<class>_<n>.jpg
Writes  models/neu-classifier/{neu-classifier.onnx, neu-classifier.json, input-spec.json}

Split: an image is validation when int(sha1(basename)[:8], 16) % 5 == 0 (about 20%), train
otherwise, so TypeScript tests can recompute the split from the file names alone.
Input: 200x200 grey (the images' own size, so no resize differs between PIL and sharp),
x/255 then (x - MEAN)/STD. Training sees random 128x128 crops and flips (4x less compute, and
augmentation); the net is fully convolutional + global average pool, so it runs at 200x200.
"""
import hashlib
import json
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, '..', 'shared', 'datasets', 'neu-det')
OUT = os.path.join(ROOT, 'models', 'neu-classifier')
CLASSES = ['crazing', 'inclusion', 'patches', 'pitted_surface', 'rolled-in_scale', 'scratches']
SIZE, CROP = 200, 128
MEAN, STD = 0.5, 0.25
EPOCHS = int(os.environ.get("EPOCHS", "24"))
SEED = 1234


def is_val(name):
    return int(hashlib.sha1(name.encode()).hexdigest()[:8], 16) % 5 == 0


def load():
    train, val = [], []
    for folder in ('IMAGES', 'Validation_Images'):
        for name in sorted(os.listdir(os.path.join(DATA, folder))):
            if not name.endswith('.jpg'):
                continue
            label = CLASSES.index(name.rsplit('_', 1)[0])
            img = Image.open(os.path.join(DATA, folder, name)).convert('L')
            assert img.size == (SIZE, SIZE), name
            x = (np.asarray(img, dtype=np.float32) / 255.0 - MEAN) / STD
            (val if is_val(name) else train).append((x, label))
    stack = lambda items: (torch.from_numpy(np.stack([x for x, _ in items]))[:, None], torch.tensor([y for _, y in items]))
    return stack(train), stack(val)


def block(cin, cout, k=3, stride=1, pad=None):
    return nn.Sequential(nn.Conv2d(cin, cout, k, stride, k // 2 if pad is None else pad, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class Net(nn.Module):
    # Compute sits in the 3x3 convs with 32..256 channels: what INT8 kernels speed up most. The
    # stem is a 4x4 stride-4 "patchify" conv: a 1-channel conv over every pixel (5x5 stride 2 +
    # MaxPool, tried first) cost more than all the 3x3 convs together in ORT's QLinearConv.
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            block(1, 32, 4, 4, pad=0),
            block(32, 64), nn.MaxPool2d(2),
            block(64, 128), block(128, 128), nn.MaxPool2d(2),
            block(128, 256),
        )
        self.head = nn.Linear(256, len(CLASSES))

    def forward(self, x):
        x = self.features(x)
        return self.head(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


def augment(x):
    i, j = random.randint(0, SIZE - CROP), random.randint(0, SIZE - CROP)
    x = x[:, :, i:i + CROP, j:j + CROP]
    if random.random() < 0.5:
        x = x.flip(3)
    if random.random() < 0.5:
        x = x.flip(2)
    return x.contiguous()


def accuracy(model, xs, ys):
    model.eval()
    with torch.no_grad():
        pred = torch.cat([model(xs[i:i + 64]).argmax(1) for i in range(0, len(xs), 64)])
    return (pred == ys).float().mean().item()


def main():
    torch.manual_seed(SEED)
    random.seed(SEED)
    torch.set_num_threads(2)
    (xt, yt), (xv, yv) = load()
    print(f'train {len(yt)} val {len(yv)}', flush=True)
    model = Net()
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-4)
    steps = EPOCHS * ((len(yt) + 31) // 32)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=steps)
    start = time.time()
    for epoch in range(EPOCHS):
        model.train()
        perm = torch.randperm(len(yt))
        for b in range(0, len(yt), 32):
            idx = perm[b:b + 32]
            loss = F.cross_entropy(model(augment(xt[idx])), yt[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        acc = accuracy(model, xv, yv)
        print(f'epoch {epoch + 1}/{EPOCHS} loss {loss.item():.3f} val {acc:.4f} {time.time() - start:.0f}s', flush=True)
    export(model, acc, len(yt), len(yv), time.time() - start)


def export(model, acc, n_train, n_val, seconds):
    os.makedirs(OUT, exist_ok=True)
    model.eval()
    path = os.path.join(OUT, 'neu-classifier.onnx')
    # Eval-mode export folds BatchNorm into the convs: the graph is Conv/Relu/MaxPool/Gemm.
    torch.onnx.export(model, torch.zeros(1, 1, SIZE, SIZE), path, opset_version=13, input_names=['image'],
                      output_names=['logits'], dynamic_axes={'image': {0: 'batch'}, 'logits': {0: 'batch'}},
                      do_constant_folding=True)
    spec = {'width': SIZE, 'height': SIZE, 'channels': 'gray', 'scale': 1 / 255, 'mean': MEAN, 'std': STD, 'layout': 'nchw'}
    with open(os.path.join(OUT, 'input-spec.json'), 'w') as f:
        json.dump(spec, f, indent=2)
        f.write('\n')
    meta = {
        'name': 'neu-classifier',
        'task': 'classification',
        'classes': CLASSES,
        'input': spec,
        'output': 'logits [batch, 6], argmax = class index',
        'valAccuracy': round(acc, 4),
        'split': {'rule': 'val when parseInt(sha1(basename).slice(0, 8), 16) % 5 === 0', 'train': n_train, 'val': n_val,
                  'folders': ['IMAGES', 'Validation_Images']},
        'dataset': '../shared/datasets/neu-det (NEU surface defect database), class from the file name',
        'madeBy': 'scripts/train-neu-classifier.py (torch %s, %d epochs, %.0f s on CPU, seed %d)' % (torch.__version__, EPOCHS, seconds, SEED),
    }
    with open(os.path.join(OUT, 'neu-classifier.json'), 'w') as f:
        json.dump(meta, f, indent=2)
        f.write('\n')
    print(f'wrote {path} ({os.path.getsize(path)} bytes), val accuracy {acc:.4f}')


if __name__ == '__main__':
    sys.exit(main())
