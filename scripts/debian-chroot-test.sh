#!/bin/bash
# `make test` and `make demo` on a fresh clone of this repository's HEAD inside a Debian chroot
# of another release (default: trixie, OpenSSL 3.5), with this machine's Swift toolchain
# bind-mounted in. The host's Debian gives one OpenSSL only; this shows the same tests on another
# (a PKCS#8 version 2 key loaded on 3.5 and not on 3.0 before this check existed).
#
# Needs root (debootstrap, chroot, mount) and Debian's package mirror. The chroot is kept in ROOT
# for the next run; its libsodium/libssl are left for `make deps` to install, as on a fresh
# machine. Uncommitted changes are not tested: commit first. ../shared, when present, is mounted
# read-only beside the clone, as CI has it.
#
#   SUITE=trixie ROOT=/var/tmp/verifykit-debian-trixie MIRROR=http://deb.debian.org/debian
set -euo pipefail

SUITE=${SUITE:-trixie}
ROOT=${ROOT:-/var/tmp/verifykit-debian-$SUITE}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
REPO=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)

if [ "$(id -u)" != 0 ]; then
    echo "debian-chroot-test: needs root (debootstrap, chroot and mount)" >&2
    exit 2
fi
if ! command -v swift >/dev/null; then
    # sudo's secure_path drops a toolchain's bin folder: `sudo env PATH="$PATH" make test-debian`.
    echo "debian-chroot-test: no swift on PATH" >&2
    exit 2
fi
swift_binary=$(realpath "$(command -v swift)")
# .../usr/bin/swift -> the toolchain's root, mounted at the same path inside. A toolchain in /usr
# itself (a distribution package) would mean mounting the host's root: not supported.
TOOLCHAIN=$(dirname "$(dirname "$(dirname "$swift_binary")")")
if [ "$TOOLCHAIN" = / ] || [ "$TOOLCHAIN" = /usr ]; then
    echo "debian-chroot-test: swift at $swift_binary is not in a toolchain folder of its own" >&2
    exit 2
fi

if ! command -v debootstrap >/dev/null; then apt-get update -qq && apt-get install -y -qq debootstrap; fi
case "$ROOT" in /*/*) ;; *)
    echo "debian-chroot-test: ROOT=$ROOT is not a folder of its own" >&2
    exit 2
    ;;
esac
# The root and its src/ are deleted below: never with a host folder still mounted inside.
if grep -q " $ROOT/" /proc/mounts; then
    echo "debian-chroot-test: mounts are left under $ROOT (a killed run); unmount them first" >&2
    exit 2
fi
# The marker is written only after debootstrap succeeded, so a half-made root is made again.
if [ ! -f "$ROOT/.debootstrap-complete" ]; then
    echo "debian-chroot-test: debootstrap $SUITE into $ROOT"
    rm -rf "$ROOT"
    debootstrap --variant=minbase "$SUITE" "$ROOT" "$MIRROR" >/dev/null
    touch "$ROOT/.debootstrap-complete"
fi

mounted=()
bind() { # SOURCE TARGET-INSIDE [ro]
    mkdir -p "$ROOT$2"
    mount --bind "$1" "$ROOT$2"
    mounted+=("$ROOT$2")
    if [ "${3:-}" = ro ]; then mount -o remount,bind,ro "$ROOT$2"; fi
}
unbind() {
    # Lazily if busy: a mount left behind would make a later `rm -rf` of the root reach the host's
    # /dev or toolchain.
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount "${mounted[i]}" || umount -l "${mounted[i]}"; done
    mounted=()
}
trap unbind EXIT
# Bash runs a trap only after the foreground command ends, which for the test run is minutes: that
# run goes to the background in a process group of its own (below), and a signal is passed on to
# the whole group before the mounts are undone.
child=""
stop() { # SIGNAL STATUS
    if [ -n "$child" ]; then
        kill "-$1" -- "-$child" 2>/dev/null || true
        wait "$child" || true
    fi
    exit "$2"
}
trap 'stop INT 130' INT
trap 'stop TERM 143' TERM
trap 'stop HUP 129' HUP

for fs in /proc /sys /dev /dev/pts; do bind "$fs" "$fs"; done
bind "$TOOLCHAIN" "$TOOLCHAIN" ro
# A machine without GitHub access maps it to local folders (git's url.<base>.insteadOf); SwiftPM
# resolves dependencies through git, so those folders and the config naming them go in too.
while IFS= read -r base; do
    base=${base#file://}
    if [ -n "$base" ] && [ -d "$base" ]; then bind "$base" "$base" ro; fi
done < <(git config --get-regexp '^url\..*\.insteadof$' | sed -E 's/^url\.(.*)\.insteadof .*$/\1/I' | sort -u)
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
if [ -f /etc/gitconfig ]; then cp /etc/gitconfig "$ROOT/etc/gitconfig"; fi
if [ -f "$HOME/.gitconfig" ]; then cp "$HOME/.gitconfig" "$ROOT/root/.gitconfig"; fi

# What the Swift toolchain itself needs (not libsodium/libssl: `make deps` installs those).
# SwiftPM links libcurl and libxml2, whose runtime packages are renamed between releases.
# A snapshot mirror serves a testing or unstable Release file past its Valid-Until date. Only
# then is the date check turned off, in the chroot's apt configuration, as `make deps` updates too.
if ! chroot "$ROOT" apt-get update -qq; then
    echo "debian-chroot-test: apt-get update failed; retrying without the Release date check"
    echo 'Acquire::Check-Valid-Until "false";' >"$ROOT/etc/apt/apt.conf.d/99snapshot-mirror"
    chroot "$ROOT" apt-get update -qq
fi
first_available() {
    for package in "$@"; do
        if chroot "$ROOT" apt-cache show "$package" >/dev/null 2>&1; then
            echo "$package"
            return
        fi
    done
    echo "$1"
}
chroot "$ROOT" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    gcc g++ binutils libc6-dev zlib1g-dev libedit2 libsqlite3-0 libncurses6 tzdata git make python3 \
    ca-certificates "$(first_available libcurl4t64 libcurl4)" "$(first_available libxml2 libxml2-16)" >/dev/null

rm -rf "$ROOT/src" && mkdir -p "$ROOT/src"
git clone -q "$REPO" "$ROOT/src/verifykit"
if [ -d "$REPO/../shared" ]; then bind "$(realpath "$REPO/../shared")" /src/shared ro; fi

echo "debian-chroot-test: $SUITE, commit $(git -C "$REPO" rev-parse --short HEAD)"
setsid chroot "$ROOT" env PATH="$TOOLCHAIN/usr/bin:/usr/sbin:/usr/bin:/sbin:/bin" HOME=/root bash -c '
    set -e
    cd /src/verifykit
    make test
    make demo
    echo "debian-chroot-test: passed with OpenSSL $(pkg-config --modversion libcrypto), libsodium $(pkg-config --modversion libsodium), $(. /etc/os-release; echo "$PRETTY_NAME")"
' &
child=$!
wait "$child"
