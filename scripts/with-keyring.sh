#!/usr/bin/env bash
# Runs a command with a real Secret Service: a private D-Bus session bus and a throwaway
# gnome-keyring whose login keyring has an empty password and is already unlocked.
#   bash scripts/with-keyring.sh npx vitest run test/integration/secrets
# The bus and keyring are always our own, even on a desktop that has one, so the tests never
# touch the developer's real keychain. Needs the Debian packages dbus and gnome-keyring.
set -euo pipefail

# The re-executed copy is the child of dbus-run-session, which kept this script's process id.
if [[ "${HUBDESK_KEYRING_SESSION:-}" != "$PPID" ]]; then
  for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null; then
      echo "with-keyring.sh: $tool não encontrado (apt-get install dbus gnome-keyring)" >&2
      exit 127
    fi
  done
  export HUBDESK_KEYRING_SESSION=$$
  exec dbus-run-session -- bash "$0" "$@"
fi

keyring_home=$(mktemp -d "${TMPDIR:-/tmp}/hubdesk-keyring.XXXXXX")
daemon_pid=
cleanup() {
  # The daemon would outlive this script by a moment and keep writing into the temp folder.
  if [[ -n "$daemon_pid" ]]; then kill "$daemon_pid" 2>/dev/null || true; fi
  for _ in {1..50}; do
    rm -rf "$keyring_home" 2>/dev/null && return 0
    sleep 0.1
  done
  rm -rf "$keyring_home"
}
trap cleanup EXIT
mkdir -m 700 "$keyring_home/data" "$keyring_home/run"

# Only the daemon sees these, so its keyring files and control socket live in the temp folder.
# A line holding an empty password creates the login keyring and unlocks it; no prompt is needed.
daemon_env=$(printf '\n' |
  XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="$keyring_home/run" \
    gnome-keyring-daemon --unlock --components=secrets)
set -a
eval "$daemon_env"
set +a
# The daemon forks before it has claimed its bus name; wait for it rather than race the tests.
for _ in {1..50}; do
  if daemon_pid=$(dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus \
    /org/freedesktop/DBus org.freedesktop.DBus.GetConnectionUnixProcessID \
    string:org.freedesktop.secrets 2>/dev/null | awk '{ print $2 }') && [[ -n "$daemon_pid" ]]; then
    break
  fi
  sleep 0.1
done
if [[ -z "$daemon_pid" ]]; then
  echo "with-keyring.sh: o gnome-keyring não apareceu no barramento D-Bus" >&2
fi

# Tells the keychain tests that skipping for want of a Secret Service would be a failure here.
export HUBDESK_KEYRING_REQUIRED=1
unset HUBDESK_KEYRING_SESSION

# Not exec: the trap stops the daemon and removes the temp keyring when the command ends.
"$@"
