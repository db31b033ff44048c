#!/usr/bin/env bash
# Set up (scripts/setup.sh), build the register from seeds/ and write the board reports into reports/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
iisg=.venv/bin/iisg
$iisg ingest seeds || echo "some inputs could not be read (see above); the rest was ingested"
$iisg register list --from 2021 --to 2022
$iisg report --period 2021-2022 --profile biennial --pack
$iisg report --period 2022-Q1 --profile quarterly
echo "Reports are in $(pwd)/reports"
