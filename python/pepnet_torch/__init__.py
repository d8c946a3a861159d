"""pepnet_torch: a PyTorch twin of pepnet's PEPNet that reads and writes the same model bundle.

    from pepnet_torch import load
    bundle = load("sample-data/model")
    logits = bundle.model(general_ids, domain_side_ids)

See docs/pytorch.md.
"""

from .bundle import Bundle, BundleError, load, save
from .config import ModelConfig
from .model import DNN, PEPNet, build

__all__ = ["Bundle", "BundleError", "DNN", "ModelConfig", "PEPNet", "build", "load", "save"]
