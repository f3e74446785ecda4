# Sourced by the entry scripts: puts Node.js 24 first on PATH for this shell and every process it
# starts. A machine whose own Node.js is older gets the official binaries from the npm registry's
# `node` package, pinned in .ci/node/package.json and installed there (again when the pin
# changes). Native addons (better-sqlite3) are then compiled against the headers shipped in that
# same package, so they load in the Node.js that runs them; `npm_config_nodedir` points node-gyp
# at them, so nothing is downloaded. The pin stays at 24.18.1: better-sqlite3 12 (what the Prisma
# adapter requires) compiled against the headers of 24.19 and later aborts the process when the
# garbage collector frees a statement ("Assertion failed: (env) != nullptr").
node_tools="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.ci/node"
node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$node_major" -lt 24 ]; then
  node_pinned="$(sed -n 's/.*"node": "\([0-9.]*\)".*/\1/p' "$node_tools/package.json")"
  if [ "$("$node_tools/node_modules/.bin/node" -v 2>/dev/null)" != "v$node_pinned" ]; then
    echo "▸ Node.js $(node -v 2>/dev/null || echo missing) is older than 24: installing Node.js $node_pinned into .ci/node" >&2
    rm -rf "$node_tools/node_modules"
    npm install --prefix "$node_tools" --no-audit --no-fund >&2
  fi
  export PATH="$node_tools/node_modules/.bin:$PATH"
  node_headers="$(find "$node_tools/node_modules" -path '*/include/node/node.h' -print -quit)"
  export npm_config_nodedir="${node_headers%/include/node/node.h}"
fi
unset node_tools node_major node_pinned node_headers

# A checkout installed under another Node.js has better-sqlite3 built for that one's ABI: rebuild
# it once for the Node.js now first on PATH, from the same headers.
sqlite_addon_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/node_modules/better-sqlite3"
if [ -d "$sqlite_addon_dir/build" ] && ! (cd "$sqlite_addon_dir" && node -e "new (require('.'))(':memory:').close()" >/dev/null 2>&1); then
  echo "▸ better-sqlite3 was built for another Node.js: rebuilding it for $(node -v)" >&2
  (cd "$sqlite_addon_dir/../.." && npm rebuild better-sqlite3 >&2)
fi
unset sqlite_addon_dir
