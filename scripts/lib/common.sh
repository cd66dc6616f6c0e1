# Shared set-up for scripts/demo, scripts/test and scripts/bench. Source it; it changes to the repository root.
# Everything here is idempotent: a second run installs nothing and rebuilds only what changed.

set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
VENV="$ROOT/.venv"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# ensure_apt PACKAGE...: installs the Debian packages that are missing (needs root or sudo).
ensure_apt() {
    local missing=()
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# ensure_swift: Swift 6 is not a Debian package; it must already be installed (the machine's /opt/swift).
ensure_swift() {
    if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
        export PATH="/opt/swift/usr/bin:$PATH"
    fi
    if ! command -v swift >/dev/null 2>&1; then
        echo "Swift 6 is not installed: install the Swift 6.3 toolchain (swift.org) and put it on PATH." >&2
        exit 1
    fi
}

# ensure_venv: the Python virtual environment with the pinned test tools (IntegrationTests/requirements.txt).
ensure_venv() {
    ensure_apt python3 python3-venv python3-pip
    if [ ! -x "$VENV/bin/python" ]; then
        say "creating the Python virtual environment in .venv"
        python3 -m venv "$VENV" >&2
    fi
    local stamp="$VENV/.requirements.sha"
    local want
    want=$(sha256sum IntegrationTests/requirements.txt | cut -d' ' -f1)
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        say "installing Python test tools (IntegrationTests/requirements.txt)"
        "$VENV/bin/pip" install -q --disable-pip-version-check -r IntegrationTests/requirements.txt >&2 && echo "$want" >"$stamp"
    fi
}

# build_release: the release build of every product (whole-module: it catches what debug builds hide).
build_release() {
    swift build -c release 2>&1
}
