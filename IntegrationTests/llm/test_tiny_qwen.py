"""The whole protocol through llama.cpp's real server with a Qwen2-architecture model: the real Qwen2 tokenizer and
Qwen2.5 chat template (from the llama-cpp-python sdist), weights scripted to call get_signals for the range and then,
with the tool result in the dialogue, say "You can drive about 201 km." (IntegrationTests/llm/tiny_qwen.py).

llama.cpp renders the tools into the Qwen prompt with --jinja, parses the model's <tool_call> into `tool_calls`,
streams them as SSE deltas; geniusctl runs the tool on the state and checks the final text. The same text is spoken
when the car's range is 201 km, and rejected when it is not."""
import json
import time

from conftest import ask
from grounding import invented_figures

QUESTION = "how far can I go"


def state_file(tmp_path, range_m):
    path = tmp_path / f"state-{range_m}.json"
    state = {"Vehicle.Powertrain.Range": range_m, "Vehicle.Powertrain.TractionBattery.StateOfCharge.Displayed": 43}
    path.write_text(json.dumps(state))
    return str(path), state


def test_tool_call_and_grounded_answer_through_llama_cpp(tiny_qwen, tmp_path):
    path, state = state_file(tmp_path, 201000)
    replies, err, seconds = ask("--state", path, "--llm", tiny_qwen.endpoint, "--llm-mode", "always", "--json", QUESTION)
    reply = replies[0]
    assert reply["source"] == "llm", err
    assert reply["text"] == "You can drive about 201 km."
    assert reply["values"] == [{"path": "Vehicle.Powertrain.Range", "value": 201000, "unit": "m", "age": 0, "status": "available"}]
    assert invented_figures(reply, state) == []
    print(f"tiny Qwen2 turn (tool call, tool result, final text): {seconds * 1000:.0f} ms")


def test_the_same_text_is_rejected_when_the_car_says_otherwise(tiny_qwen, tmp_path):
    path, state = state_file(tmp_path, 150000)
    engine, _, _ = ask("--state", path, "--json", QUESTION)
    replies, err, _ = ask("--state", path, "--llm", tiny_qwen.endpoint, "--llm-mode", "always", "--json", QUESTION)
    reply = replies[0]
    assert reply["source"] == "llm-rejected"
    assert "You can drive about 201 km." in err and "figures no tool returned (201)" in err
    assert {k: reply[k] for k in ("text", "intent", "locale", "values")} == engine[0]
    assert invented_figures(reply, state) == []


def test_fallback_mode_within_the_default_deadline(tiny_qwen, tmp_path):
    path, _ = state_file(tmp_path, 201000)
    replies, err, seconds = ask("--state", path, "--llm", tiny_qwen.endpoint, "--json", QUESTION, "blorp the frobnicator")
    assert [r["source"] for r in replies] == ["engine", "llm"], err
    assert replies[1]["text"] == "You can drive about 201 km."
    assert replies[1]["intent"] == "open_question"
    assert seconds < 1.5 + 1.0


def test_a_malformed_tool_call_through_llama_cpp_ends_in_the_engine_answer(tiny_qwen_broken, tmp_path):
    """The model writes <tool_call> with its arguments cut off. Whatever llama.cpp makes of it (its tool-call grammar
    refuses the broken JSON, so the model's next choices are the grammar's), the driver hears the engine's answer,
    within the default deadline."""
    path, state = state_file(tmp_path, 201000)
    engine, _, _ = ask("--state", path, "--json", QUESTION)
    replies, err, seconds = ask("--state", path, "--llm", tiny_qwen_broken.endpoint, "--llm-mode", "always", "--json", QUESTION)
    reply = replies[0]
    print(f"broken tool call: source {reply['source']}, {seconds * 1000:.0f} ms; {err.strip()[:300]}")
    assert reply["source"] in ("engine", "llm-rejected"), err
    assert {k: reply[k] for k in ("text", "intent", "locale", "values")} == engine[0]
    assert invented_figures(reply, state) == []
    assert seconds < 1.5 + 1.0
