"""A scripted OpenAI-compatible server for failure injection: each behaviour misbehaves one way.

Speaks HTTP/1.1 on 127.0.0.1 (or a Unix socket) with `POST /v1/chat/completions`, answering as JSON or as server-sent
events when the request asks for `stream`. It records every request body so tests can check what geniusd sent."""
import json
import os
import socketserver
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def chunk(delta=None, finish=None):
    return {"object": "chat.completion.chunk", "choices": [{"index": 0, "delta": delta or {}, "finish_reason": finish}]}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        body = json.loads(self.rfile.read(length))
        self.server.fake.requests.append(body)
        try:
            getattr(self.server.fake, "on_" + self.server.fake.behaviour)(self, body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up at its deadline, as it should

    # Helpers for the behaviours.
    def send(self, status, content_type, payload, length=True):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(payload)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(payload)
        self.wfile.flush()
        self.close_connection = True

    def complete(self, body, content=None, tool_calls=None):
        finish = "tool_calls" if tool_calls else "stop"
        if not body.get("stream"):
            message = {"role": "assistant", "content": content}
            if tool_calls:
                message["tool_calls"] = [
                    {"id": f"call_{i}", "type": "function", "function": {"name": n, "arguments": a}} for i, (n, a) in enumerate(tool_calls)]
            doc = {"object": "chat.completion", "choices": [{"index": 0, "message": message, "finish_reason": finish}]}
            self.send(200, "application/json", json.dumps(doc).encode())
            return
        events = [chunk({"role": "assistant", "content": None})]
        if content:
            words = content.split(" ")
            events += [chunk({"content": w + (" " if i < len(words) - 1 else "")}) for i, w in enumerate(words)]
        for i, (name, arguments) in enumerate(tool_calls or []):
            events.append(chunk({"tool_calls": [{"index": i, "id": f"call_{i}", "type": "function",
                                                 "function": {"name": name, "arguments": ""}}]}))
            half = len(arguments) // 2
            for part in (arguments[:half], arguments[half:]):
                events.append(chunk({"tool_calls": [{"index": i, "function": {"arguments": part}}]}))
        events.append(chunk({}, finish))
        payload = "".join(f"data: {json.dumps(e)}\n\n" for e in events) + "data: [DONE]\n\n"
        self.send(200, "text/event-stream", payload.encode(), length=False)


def tool_results(body):
    return [json.loads(m["content"]) for m in body["messages"] if m["role"] == "tool"]


class FakeLLM:
    """One scripted server; `behaviour` names an `on_*` method below."""

    def __init__(self, behaviour, unix_path=None):
        self.behaviour = behaviour
        self.requests = []
        if unix_path:
            class UnixServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
                daemon_threads = True

                def get_request(self):
                    request, _ = super().get_request()
                    return request, ("local", 0)

            self.httpd = UnixServer(unix_path, Handler)
            self.endpoint = f"unix:{unix_path}"
        else:
            self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
            self.httpd.daemon_threads = True
            self.endpoint = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.httpd.fake = self
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    # A well-behaved model: reads the range with a tool, then says it in km from the tool's value.
    def on_grounded(self, h, body):
        results = tool_results(body)
        if not results:
            return h.complete(body, tool_calls=[("get_signals", json.dumps({"paths": ["Vehicle.Powertrain.Range"]}))])
        reading = results[-1][0]
        h.complete(body, content=f"You can drive about {round(reading['value'] / 1000)} km.")

    # Reads the range, then invents a figure no tool returned.
    def on_invented(self, h, body):
        if not tool_results(body):
            return h.complete(body, tool_calls=[("get_signals", json.dumps({"paths": ["Vehicle.Powertrain.Range"]}))])
        h.complete(body, content="You can drive about 999 km, and the tyres are at 41 psi.")

    # Hands the question back to the composer with an intent and slots.
    def on_answer_tool(self, h, body):
        h.complete(body, tool_calls=[("answer", json.dumps({"intent": "tire_pressure", "slots": "front left"}))])

    # Answers long after any deadline.
    def on_slow(self, h, body):
        time.sleep(5)
        h.complete(body, content="Too late.")

    # Starts a stream and hangs up before [DONE] or a finish reason.
    def on_truncated(self, h, body):
        h.send_response(200)
        h.send_header("Content-Type", "text/event-stream")
        h.send_header("Connection", "close")
        h.end_headers()
        h.wfile.write(("data: " + json.dumps(chunk({"content": "You can drive 12"})) + "\n\n").encode())
        h.wfile.write(b"data: {\"choices\":[{\"index\":0,\"del")
        h.wfile.flush()
        h.close_connection = True

    # Arguments that are not JSON, every time.
    def on_bad_arguments(self, h, body):
        if not tool_results(body):
            return h.complete(body, tool_calls=[("get_signals", '{"paths": ["Vehicle.Powertrain.Range"')])
        h.complete(body, content="Your range is 321 km.")

    # A tool that does not exist.
    def on_unknown_tool(self, h, body):
        if not tool_results(body):
            return h.complete(body, tool_calls=[("open_sunroof", "{}")])
        h.complete(body, content="Done, the sunroof is open.")

    # Calls a tool again and again and never answers.
    def on_loop(self, h, body):
        h.complete(body, tool_calls=[("get_signals", json.dumps({"paths": ["Vehicle.Speed"]}))])

    # Not JSON, not SSE.
    def on_garbage(self, h, body):
        h.send(200, "application/json", b"<html><body>502 Bad Gateway</body></html>")

    # The server is loading its model.
    def on_loading(self, h, body):
        h.send(503, "application/json", json.dumps({"error": {"code": 503, "message": "Loading model"}}).encode())
