"""Runs llama.cpp's own HTTP server (embedded in the xllamacpp wheel) on 127.0.0.1 for the LLM tests.

    python llama_server.py --model FILE.gguf (--port N | --socket PATH.sock) [--threads 1] [--ctx 4096]

Prints `listening http://127.0.0.1:N` once the server object exists; the caller then polls /health until the model
is loaded, and stops this process by its PID (SIGTERM, then SIGKILL). Nothing here downloads anything."""
import argparse
import signal
import sys
import time

import xllamacpp


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--socket", help="a Unix socket path ending in .sock (llama.cpp listens there instead of TCP)")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--ctx", type=int, default=4096)
    args = parser.parse_args()

    params = xllamacpp.CommonParams()
    params.model.path = args.model
    params.hostnames = [args.socket] if args.socket else ["127.0.0.1"]
    params.port = args.port
    params.use_jinja = True  # the model's own chat template and llama.cpp's tool-call parsing, as with --jinja
    params.n_ctx = args.ctx
    params.n_parallel = 1
    # One thread: on a shared 2-core machine, two spinning llama.cpp threads slow to seconds per token.
    params.cpuparams.n_threads = args.threads
    params.cpuparams_batch.n_threads = args.threads
    server = xllamacpp.Server(params)
    print("listening", server.listening_address, flush=True)

    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    while not stop:
        time.sleep(0.2)
    del server
    sys.exit(0)


if __name__ == "__main__":
    main()
