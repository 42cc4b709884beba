# Sourced by the scripts: puts the pinned tools first on PATH.
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$_root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
unset _root
