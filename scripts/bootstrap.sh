#!/usr/bin/env bash
# Makes a fresh clone runnable with nothing but Node 20 or newer and npm:
# installs pnpm and the dependencies, which include the project's own Node 24 (the `node`
# devDependency), and Redis for the tests that need a real server. Quick when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=12.21.0
# The project's Node, as pinned by the `node` devDependency.
NODE_VERSION="$(node -p "require('./package.json').devDependencies.node")"
MINIMUM_NODE_MAJOR=22

if [ ! -x node_modules/.bin/pnpm ] || [ ! -x node_modules/.bin/node ] || [ pnpm-lock.yaml -nt node_modules/.modules.yaml ]; then
  # pnpm checks every package's `engines` against the Node it runs under, and many want 22 or
  # newer: an older Node would print an "Unsupported engine" warning for each. So the install
  # runs under the project's Node, fetched once with npm into .tools/ (kept out of git).
  if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt "$MINIMUM_NODE_MAJOR" ]; then
    tools=".tools/node-$NODE_VERSION"
    if [ ! -x "$tools/node_modules/.bin/node" ]; then
      echo "bootstrap: Node $(node --version) is older than $MINIMUM_NODE_MAJOR; fetching Node $NODE_VERSION with npm into $tools" >&2
      npm install --prefix "$tools" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "node@$NODE_VERSION" >&2
    fi
    export PATH="$PWD/$tools/node_modules/.bin:$PATH"
  fi
  echo "bootstrap: installing dependencies with pnpm $PNPM_VERSION under Node $(node --version)" >&2
  npx --yes "pnpm@$PNPM_VERSION" install --frozen-lockfile >&2
fi

if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "bootstrap: installing redis-server (the Redis tests start a real server)" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server) >/dev/null 2>&1 \
      || echo "bootstrap: could not install redis-server; install it to run the Redis tests" >&2
  else
    echo "bootstrap: redis-server not found; install it (apt-get install redis-server) to run the Redis tests" >&2
  fi
fi

# The playground's browser tests drive Debian's Chromium through playwright-core.
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "bootstrap: installing chromium (the playground's browser tests drive it)" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 \
      || echo "bootstrap: could not install chromium; install it to run the browser tests" >&2
  else
    echo "bootstrap: chromium not found; install it (apt-get install chromium) to run the browser tests" >&2
  fi
fi
