"""Shared code for the executable book "Dropout, explained".

One way in: a chapter writes ``import helpers`` and then ``helpers.<name>`` for everything it uses (never
``from helpers.<module> import ...``). Every module lists its public names in ``__all__`` and this file
re-exports them all; a name belongs to exactly one module. The modules, by concern:

- ``checks``: the rules for allowed values (one place for "a rate is in [0, 1)", "epochs >= 1", …)
- ``parameters``: ``check_parameters``, every chapter parameter and its rule
- ``data``: verified MNIST, pixel scaling, one-hot labels, the one train/validation split
- ``placement``: where dropout sits (the placements), fixed-mask dropout, order differences, batch norm's view
- ``models``: the seed's MLP with dropout, input dropout, max-norm and weight decay as asked
- ``training``: the seed policy, optimisers, the fast ``model.fit`` path, early stopping, evaluation
- ``config``: ``RunConfig``, what a training run *is*
- ``records``: how a run is *stored* (code-versioned, atomic, with its weights)
- ``runs``: how runs are *run*: trained or loaded, many in parallel, networks rebuilt from records
- ``stats``: intervals over seeds, paired comparisons and their verdicts (differs, equivalent, identical)
- ``report``: numbers and verdicts as text, Markdown tables, glue and captioned figures
- ``claims``: the seed article's claims, each read as a measurable quantity and given a verdict
- ``plots``: the book's figures
- ``uncertainty``: Monte Carlo dropout, calibration, rotated and out-of-distribution digits
- ``versioning``: the one digest of "this code" (records, the execution cache and the helpers tag use it)
- ``variants``: dropout's relatives measured: Gaussian noise, SELU with alpha dropout, whole feature maps
- ``regimes``: grids of paired runs over training-set size, width and dropout rate, and their comparisons

``python -m helpers.sweep`` runs a chapter over a grid of parameters (a command, not used by the chapters).
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # before TensorFlow loads: keep its C++ chatter out of the book

# ruff: noqa: E402, F403
from helpers.checks import *
from helpers.claims import *
from helpers.config import *
from helpers.data import *
from helpers.models import *
from helpers.parameters import *
from helpers.placement import *
from helpers.plots import *
from helpers.records import *
from helpers.regimes import *
from helpers.report import *
from helpers.runs import *
from helpers.stats import *
from helpers.training import *
from helpers.uncertainty import *
from helpers.variants import *
from helpers.versioning import *

__version__ = "0.2.0"
