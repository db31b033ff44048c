#!/usr/bin/env bash
# Install what iisg needs on a Debian machine with Python 3.11: system packages (only those missing)
# and a virtual environment in .venv with the tool and its test dependencies.
#
# The environment is built on Debian's own python3.11 where there is one: it is compiled with
# profile-guided and link-time optimisation, and lays out a PDF in about a fifth less CPU time than a
# Python compiled without them (bench/report.py). IISG_PYTHON=/path/to/python chooses another.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
command -v fc-list >/dev/null 2>&1 || need+=(fontconfig)
{ fc-list 2>/dev/null | grep -qi "DejaVuSans"; } || need+=(fonts-dejavu-core)
{ fc-list 2>/dev/null | grep -qi "Liberation"; } || need+=(fonts-liberation2)
{ ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0"; } || need+=(libpango-1.0-0 libpangoft2-1.0-0)
{ ldconfig -p 2>/dev/null | grep -q "libharfbuzz-subset"; } || need+=(libharfbuzz-subset0)
python="${IISG_PYTHON:-}"
if [ -z "$python" ]; then
  python=python3
  if [ -x /usr/bin/python3.11 ]; then
    python=/usr/bin/python3.11
    /usr/bin/python3.11 -c "import ensurepip, venv" >/dev/null 2>&1 || need+=(python3.11-venv)
  fi
fi
if ((${#need[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing Debian packages: ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

# A .venv built on another interpreter is built again (what it holds is all from pyproject.toml).
want="$("$python" -c 'import sys; print(sys.base_prefix, sys.version_info[:2])')"
if [ -x .venv/bin/python ] && [ "$(.venv/bin/python -c 'import sys; print(sys.base_prefix, sys.version_info[:2])' 2>/dev/null)" != "$want" ]; then
  echo "Rebuilding .venv on $python"
  rm -rf .venv
fi
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
