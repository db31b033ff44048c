#!/usr/bin/env bash
# Install what iisg needs on a Debian machine with Python 3.11: system packages (only those missing)
# and a virtual environment in .venv with the tool and its test dependencies.
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
if ((${#need[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing Debian packages: ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'
