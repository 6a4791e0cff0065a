#!/bin/sh
# The desktop container's entrypoint: Xvfb on $DISPLAY, an XFCE session, then the desktop agent in the
# foreground (tini reaps the rest). Any of the three exiting ends the container, so the pod restarts whole.
set -eu
display_number="${DISPLAY#:}"
token_file="${LEBUREAU_AGENT_TOKEN_FILE:-/etc/lebureau/agent-token}"
[ -r "$token_file" ] || { echo "lebureau-desktop: agent token file $token_file is not readable" >&2; exit 1; }

Xvfb "$DISPLAY" -screen 0 "${LEBUREAU_RESOLUTION:-1280x800}x24" -nolisten tcp -noreset -ac &
xvfb=$!
for _ in $(seq 100); do
  [ -S "/tmp/.X11-unix/X${display_number}" ] && break
  kill -0 "$xvfb" 2>/dev/null || { echo "lebureau-desktop: Xvfb exited" >&2; exit 1; }
  sleep 0.1
done

dbus-run-session -- xfce4-session >/tmp/xfce4-session.log 2>&1 &

exec /opt/lebureau/agent/LeBureau.DesktopAgent \
  --urls "http://0.0.0.0:${LEBUREAU_AGENT_PORT:-8080}" \
  --Agent:Display="$DISPLAY" \
  --Agent:TokenFile="$token_file"
