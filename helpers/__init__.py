"""Shared code for the executable book "Dropout, explained".

One way in: a chapter writes ``import helpers`` and then ``helpers.<name>`` for everything it uses (never
``from helpers.<module> import ...``). Every module lists its public names in ``__all__`` and this file
re-exports them all; a name belongs to exactly one module. The modules, by concern:

- ``checks``: the rules for allowed values (one place for "a rate is in [0, 1)", "epochs >= 1", …)
- ``parameters``: every setting (a chapter's parameter or a run's field) and its allowed values, written once,
  with the closed sets they name (activations, placements, test-time methods…); it loads no TensorFlow
- ``data``: verified MNIST, pixel scaling, one-hot labels, the one train/validation split
- ``placement``: where dropout sits: fixed-mask dropout, order differences, batch norm's view
- ``models``: the seed's MLP with dropout, input dropout, max-norm and weight decay as asked
- ``training``: the seed policy, optimisers, the fast ``model.fit`` path, early stopping, evaluation
- ``config``: ``RunConfig``, what a training run *is*
- ``records``: how a run is *stored* (code-versioned, atomic, with its weights)
- ``runs``: how runs are *run*: trained or loaded, many in parallel, networks rebuilt from records
- ``stats``: intervals over seeds, paired comparisons and their verdicts (differs, equivalent, identical), what
  a comparison's seeds can detect, Holm's adjustment
- ``wording``: how results are worded: numbers in units, intervals, verdicts, every sentence a result can choose
- ``report``: results into the book: glued values, Markdown tables, captioned figures
- ``selection``: choosing on validation data, one function for every choice
- ``claims``: the seed article's claims, each read as a measurable quantity and given a verdict
- ``plots``: the book's style and figures of data and training
- ``comparison_plots``: figures of paired differences and choices (pp)
- ``uncertainty_plots``: reliability diagrams and entropy histograms
- ``uncertainty``: Monte Carlo dropout, calibration, rotated and out-of-distribution digits
- ``versioning``: the one digest of "this code" (records, the execution cache and the helpers tag use it)
- ``variants``: dropout's relatives measured: Gaussian noise, SELU with alpha dropout, whole feature maps
- ``regimes``: grids of paired runs over training-set size, width and dropout rate, and their comparisons
- ``costs``: what a grid of runs costs: an epoch's seconds measured here, a grid's worker-hours

``import helpers`` loads no TensorFlow: each module is imported when one of its names is first used, so the build's
extensions and CI scripts use ``helpers.versioning`` without it. ``python tools/sweep.py`` runs a chapter over a
grid of parameters (a command, outside the package).
"""

import importlib
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # before TensorFlow loads: keep its C++ chatter out of the book

__version__ = "0.3.0"

MODULES = ("versioning", "checks", "stats", "wording", "report", "selection", "data", "parameters", "placement",
           "models", "training", "config", "records", "runs", "claims", "plots", "comparison_plots", "uncertainty",
           "uncertainty_plots", "variants", "regimes", "costs")
"""The modules whose public names are ``helpers.<name>``, those that need no TensorFlow first."""


def __getattr__(name: str):
    """``helpers.<name>``, imported from its module on first use: ``import helpers`` (or ``helpers.versioning``
    alone, as the build's extensions and CI scripts do) loads no TensorFlow until a name needs it."""
    if name in MODULES:  # ``from helpers import stats``: the module itself
        return importlib.import_module(f"helpers.{name}")
    if name == "__all__":
        names = [public for module in MODULES for public in importlib.import_module(f"helpers.{module}").__all__]
        globals()["__all__"] = names
        return names
    for module_name in MODULES:
        module = importlib.import_module(f"helpers.{module_name}")
        if name in module.__all__:
            value = getattr(module, name)
            globals()[name] = value
            return value
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__getattr__("__all__")))
