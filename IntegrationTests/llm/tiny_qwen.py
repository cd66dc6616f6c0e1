"""A tiny Qwen2-architecture GGUF that says what the test wants, built at test time with the `gguf` package.

The tokenizer is the real Qwen2 one (llama.cpp's models/ggml-vocab-qwen2.gguf) and the chat template Qwen2.5's
(models/templates/Qwen-Qwen2.5-7B-Instruct.jinja), both taken from the llama-cpp-python sdist (PyPI) into .cache/llm
at test time; neither they nor the model are committed. Weights (one layer, 64 dimensions, float32):

- every token's embedding has a constant dimension; the tokens of the scripted replies have one dimension each;
- the output matrix is a successor table over those dimensions: a greedy decoder walks each reply token by token;
- attention is uniform (zero queries and keys), and its values carry one "tool result seen" flag: the token that
  only the template's `<tool_response>` produces;
- the MLP fires when the flag is in the context and the current token is the newline that ends the prompt
  (`<|im_start|>assistant\\n`), and then points the output at the second reply's first token; a second such rule
  tells the closing `</tool_call>`'s `_call` from the opening one's (`>{"` is already in the context).

So the first completion is the scripted tool call and, once a tool result is in the dialogue, the next one is the
scripted text: deterministic, through llama.cpp's own chat template, tool-call parser and streaming."""
import json
import tarfile
import urllib.request
from pathlib import Path

import numpy as np

SDIST_VERSION = "0.3.36"
D = 64
CONST, FLAG, MODE = 0, 1, 2


def fetch_sources(cache: Path):
    """The Qwen2 vocabulary GGUF and the Qwen2.5 chat template, from the llama-cpp-python sdist, into `cache`."""
    cache.mkdir(parents=True, exist_ok=True)
    vocab = cache / "ggml-vocab-qwen2.gguf"
    template = cache / "Qwen-Qwen2.5-7B-Instruct.jinja"
    if vocab.is_file() and template.is_file():
        return vocab, template
    sdist = cache / f"llama_cpp_python-{SDIST_VERSION}.tar.gz"
    if not sdist.is_file():
        import subprocess
        import sys
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", "--no-binary", "llama-cpp-python",
                        f"llama-cpp-python=={SDIST_VERSION}", "-d", str(cache)], check=True)
    prefix = f"llama_cpp_python-{SDIST_VERSION}/vendor/llama.cpp/models/"
    with tarfile.open(sdist) as tar:
        for name, target in ((prefix + "ggml-vocab-qwen2.gguf", vocab), (prefix + "templates/Qwen-Qwen2.5-7B-Instruct.jinja", template)):
            member = tar.extractfile(name)
            target.write_bytes(member.read())
    return vocab, template


def read_vocab(vocab: Path):
    import gguf
    reader = gguf.GGUFReader(str(vocab))

    def strings(key):
        field = reader.fields[key]
        return [bytes(field.parts[i]).decode("utf-8") for i in field.data]

    types = reader.fields["tokenizer.ggml.token_type"]
    return strings("tokenizer.ggml.tokens"), strings("tokenizer.ggml.merges"), [int(types.parts[i][0]) for i in types.data]


def write(path: Path, vocab: Path, template: Path, script=None):
    """Writes the model. `script` (None: all weights zero, for tokenizing) holds token ids: `pairs`, the successor
    table (token, next token); `rules`, (flag token, current token, next token): when the flag token is anywhere in the
    context and the current token is the given one, the next token is this one instead."""
    import gguf
    tokens, merges, types = read_vocab(vocab)
    n_vocab = len(tokens)
    writer = gguf.GGUFWriter(str(path), "qwen2")
    writer.add_name("tiny-qwen2-scripted")
    writer.add_block_count(1)
    writer.add_context_length(8192)
    writer.add_embedding_length(D)
    writer.add_feed_forward_length(D)
    writer.add_head_count(1)
    writer.add_head_count_kv(1)
    writer.add_rope_freq_base(1_000_000.0)
    writer.add_layer_norm_rms_eps(1e-6)
    writer.add_file_type(gguf.LlamaFileType.ALL_F32)
    writer.add_tokenizer_model("gpt2")
    writer.add_tokenizer_pre("qwen2")
    writer.add_token_list(tokens)
    writer.add_token_types(types)
    writer.add_token_merges(merges)
    writer.add_eos_token_id(151645)  # <|im_end|>
    writer.add_bos_token_id(151643)
    writer.add_pad_token_id(151643)
    writer.add_add_bos_token(False)
    writer.add_chat_template(template.read_text())

    embed = np.zeros((n_vocab, D), np.float32)
    embed[:, CONST] = 1.0
    output = np.zeros((n_vocab, D), np.float32)
    attn_v = np.zeros((D, D), np.float32)
    attn_o = np.zeros((D, D), np.float32)
    gate = np.zeros((D, D), np.float32)
    up = np.zeros((D, D), np.float32)
    down = np.zeros((D, D), np.float32)
    if script:
        used = [1]  # dimension 0 is the constant

        def fresh():
            assert used[0] < D, "too many distinct tokens and rules for the model's width"
            used[0] += 1
            return used[0] - 1

        dims = {}

        def dim(token):
            if token not in dims:
                dims[token] = fresh()
                embed[token, dims[token]] = 1.0
            return dims[token]

        successors = {}
        for a, b in script["pairs"]:
            assert successors.get(a, b) == b, f"token {a} ({tokens[a]!r}) would need two successors: add a rule"
            successors[a] = b
        for a, b in successors.items():
            output[b, dim(a)] = 10.0
        flags = {}
        for unit, (flag, current, following) in enumerate(script["rules"]):
            if flag not in flags:
                # The flag token carries a dimension of its own; uniform attention (zero queries and keys) averages
                # it into every position, value row and output column `len(flags)`.
                flags[flag] = fresh()
                embed[flag, flags[flag]] = 1.0
                attn_v[len(flags) - 1, flags[flag]] = 1.0
                attn_o[flags[flag], len(flags) - 1] = 1.0
            # MLP unit: (flag in context) AND (current token) -> a dimension that points at `following`.
            # The token terms cancel when the current token is the one (both 1 in its embedding, equally normalized)
            # and sink the gate far below zero otherwise, whatever the flag; the flag term, averaged over the context,
            # stays positive (about 26000 / context length) only when the flag is there.
            gate[unit, flags[flag]] = 1000.0
            gate[unit, dim(current)] = 10000.0
            gate[unit, 0] = -10000.0
            up[unit, 0] = 1.0
            target = fresh()
            down[target, unit] = 1.0
            output[following, target] = 10.0

    ones = np.ones(D, np.float32)
    zeros = np.zeros(D, np.float32)
    writer.add_tensor("token_embd.weight", embed)
    writer.add_tensor("output_norm.weight", ones)
    writer.add_tensor("output.weight", output)
    writer.add_tensor("blk.0.attn_norm.weight", ones)
    writer.add_tensor("blk.0.attn_q.weight", np.zeros((D, D), np.float32))
    writer.add_tensor("blk.0.attn_q.bias", zeros)
    writer.add_tensor("blk.0.attn_k.weight", np.zeros((D, D), np.float32))
    writer.add_tensor("blk.0.attn_k.bias", zeros)
    writer.add_tensor("blk.0.attn_v.weight", attn_v)
    writer.add_tensor("blk.0.attn_v.bias", zeros)
    writer.add_tensor("blk.0.attn_output.weight", attn_o)
    writer.add_tensor("blk.0.ffn_norm.weight", ones)
    writer.add_tensor("blk.0.ffn_gate.weight", gate)
    writer.add_tensor("blk.0.ffn_up.weight", up)
    writer.add_tensor("blk.0.ffn_down.weight", down)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


TOOL_CALL = '<tool_call>\n{"name":"get_signals","arguments":{"paths":["Vehicle.Powertrain.Range"]}}\n</tool_call>'
FINAL_TEXT = "You can drive about 201 km."


BROKEN_TOOL_CALL = '<tool_call>\n{"name":"get_signals","arguments":{"paths":["Vehicle.Powertrain.Range"\n</tool_call>'


def build(cache: Path, tokenizer_port, tool_call=TOOL_CALL, name="scripted"):
    """The scripted model: a get_signals tool call for the range, then, with a tool result in the dialogue, FINAL_TEXT.
    Token ids come from llama.cpp's own tokenizer (`tokenizer_port`: a server running the zero model)."""
    vocab, template = fetch_sources(cache)
    call = [t for t, _ in tokenize(tokenizer_port, tool_call)]
    text = [t for t, _ in tokenize(tokenizer_port, FINAL_TEXT)]
    newline = tokenize(tokenizer_port, "<|im_start|>assistant\n")[-1][0]
    response = [t for t, p in tokenize(tokenizer_port, "<tool_response>") if p == "_response"][0]
    im_end = 151645
    # call: '<' 'tool' '_call' '>\n' '{"' ... '":{"' ... '}}\n' '</' 'tool' '_call' '>'. The second '_call' must be
    # followed by '>', the first by '>\n': a rule decides by whether '":{"' is in the context already (compact JSON: the
    # prompt renders tools with spaces, so only the reply itself has it).
    pieces = [p for _, p in tokenize(tokenizer_port, tool_call)]
    opening, name_part = call[pieces.index('":{"')], call[2]
    pairs = [(newline, call[0])] + list(zip(call[:-2], call[1:-1])) + [(call[-1], im_end)]
    pairs += list(zip(text, text[1:])) + [(text[-1], im_end)]
    rules = [(response, newline, text[0]), (opening, name_part, call[-1])]
    path = cache / f"tiny-qwen2-{name}.gguf"
    write(path, vocab, template, {"pairs": pairs, "rules": rules})
    return path


def tokenize(port, text):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/tokenize", data=json.dumps({"content": text, "with_pieces": True}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as r:
        return [(t["id"], t["piece"]) for t in json.loads(r.read())["tokens"]]
