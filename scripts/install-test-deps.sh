#!/usr/bin/env bash
# install-test-deps.sh installs the Debian packages the tests need, if missing.
# Idempotent: when every package is installed it does nothing (no apt-get
# update). Debian packages only; nothing is downloaded from anywhere else.
set -euo pipefail

# Add packages here (e.g. chromium for the browser tests).
PACKAGES=(
	postgresql-15
	postgresql-15-postgis-3
	gdal-bin
	chromium
	wrk
)
# The web map's build (scripts/build-web.sh) needs Node.js and npm. Debian
# ships npm apart from nodejs; NodeSource's nodejs bundles it (and conflicts
# with Debian's npm), so npm is asked for only when missing.
PACKAGES+=(nodejs)
command -v npm >/dev/null || PACKAGES+=(npm)
PACKAGES+=(${EXTRA_TEST_PACKAGES:-})

missing=()
for p in "${PACKAGES[@]}"; do
	if [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" != installed ]; then
		missing+=("$p")
	fi
done
if [ ${#missing[@]} = 0 ]; then
	exit 0
fi

echo "install-test-deps: installing ${missing[*]}" >&2
sudo=()
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null || { echo "install-test-deps: not root and no sudo; install ${missing[*]}" >&2; exit 1; }
	sudo=(sudo)
fi
"${sudo[@]}" apt-get update
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
