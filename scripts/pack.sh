#!/usr/bin/env bash
# Builds the release dist/ and packs the npm package from it:
# pkg/smart-link-clicks-<version>.tgz (`npm install <that file>` in an app).
source "$(dirname "$0")/lib.sh"

ensure_build_tools
build_dist
build_package
echo "$PACKAGE_TGZ"
