"""The suite's own check for invented figures, independent of geniusctl's: the eval's grounding rules
(scripts/eval-car-genius, written apart from the engine) over the reply's values, and each value checked against the
state the car was given, so a value the LLM path made up cannot ground a figure either."""
import importlib.util
from importlib.machinery import SourceFileLoader
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_loader = SourceFileLoader("eval_car_genius", str(ROOT / "scripts" / "eval-car-genius"))
_eval = importlib.util.module_from_spec(importlib.util.spec_from_loader("eval_car_genius", _loader))
_loader.exec_module(_eval)


def invented_figures(reply, state):
    """Numbers in the reply's text that neither its values nor the state explain, and values that the state lacks."""
    problems = list(_eval.ungrounded(reply["text"], reply["values"], reply["locale"]))
    for value in reply["values"]:
        path = value["path"]
        if not path.startswith("Vehicle.") or value.get("value") is None:
            continue
        truth = state.get(path)
        if isinstance(truth, dict):
            truth = truth.get("value")
        if truth != value["value"]:
            problems.append(f"{path}={value['value']} (the car says {truth})")
    return problems
