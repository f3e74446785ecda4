# Sourced by the entry scripts: puts Node.js 24 first on PATH for this shell and every process it
# starts. A machine whose own Node.js is older gets the official binaries from the npm registry's
# `node` package, installed once into .ci/node. Native addons (better-sqlite3) are then compiled
# against the headers shipped in that same package, so they load in the Node.js that runs them
# (the headers are not downloaded: `npm_config_nodedir` points node-gyp at them).
node_tools="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.ci/node"
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$node_major" -lt 24 ]; then
  if [ ! -x "$node_tools/node_modules/.bin/node" ]; then
    echo "▸ Node.js $(node -v 2>/dev/null || echo missing) is older than 24: installing Node.js 24 into .ci/node" >&2
    npm install --prefix "$node_tools" --no-audit --no-fund >&2
  fi
  export PATH="$node_tools/node_modules/.bin:$PATH"
  node_headers="$(dirname "$(dirname "$(dirname "$(find "$node_tools/node_modules" -path '*/include/node/node.h' -print -quit)")")")"
  export npm_config_nodedir="$node_headers"
fi
unset node_tools node_major node_headers
