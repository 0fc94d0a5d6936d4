#!/usr/bin/env bash
# Set up, index corpus/ into policy.db and answer the headline question:
# which departments own measure 13 of the new-town measures?
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh
build/indexer/policy-index --db policy.db corpus/
build/searcher/policy-search --db policy.db --doc 新城 --clause 13
