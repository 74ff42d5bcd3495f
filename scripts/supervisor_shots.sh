#!/usr/bin/env bash
# Screenshots of the supervisor's desk (docs/screenshots/supervisor-*.png) under Xvfb at
# 1366×768 with openbox: a demo counter of synthetic dossiers (a few weeks of a busy ward, one
# dossier sent back), the window signed in as the demo supervisor by keystrokes, Ctrl+4.
#   scripts/supervisor_shots.sh [vi|en]       (needs: xvfb, openbox, xdotool, imagemagick)
set -euo pipefail
cd "$(dirname "$0")/.."

LANG_SHOWN="${1:-vi}"
APP=.venv/bin/counter-app
OUT=docs/screenshots
WORK="$(mktemp -d)"
DISPLAY_NUMBER="${SHOTS_DISPLAY:-:78}"
PASSWORD=demo-1234
PIDS=()
mkdir -p "$OUT" "$WORK/home"

finish() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap finish EXIT

app() { "$APP" --data-dir "$WORK/demo" "$@"; }

set_up() {
    app setup --agency-code 000.31.27.H26 --agency-name "UBND phường Demo" --counter 1 --plain \
        >/dev/null
    app demo seed --count 1500 --seed 4 --days 30 >/dev/null
    printf '%s\n' "$PASSWORD" | app user add quantri --full-name "Nguyễn Thị Quản Trị" \
        --role administrator --password - >/dev/null
    printf '%s\n' "$PASSWORD" | app login quantri --password - >/dev/null
    printf '%s\n' "$PASSWORD" | app user add giamsat --full-name "Trần Văn Giám Sát" \
        --role supervisor --password - >/dev/null
    local code
    code=$(app dossier list --date all --limit 1 --json | sed -n 's/.*"code": "\([^"]*\)".*/\1/p')
    printf '%s\n' "Thiếu bản sao giấy khai sinh của con; ghi lại ngày hẹn trả." \
        | app dossier send-back "$code" --reason - >/dev/null
    app logout >/dev/null
}

start_x() {
    Xvfb "$DISPLAY_NUMBER" -screen 0 1366x768x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
    PIDS+=($!)
    export DISPLAY="$DISPLAY_NUMBER"
    for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
    openbox >"$WORK/openbox.log" 2>&1 &
    PIDS+=($!)
    sleep 0.5
}

shot() {
    sleep "${2:-2}"
    import -window root "$OUT/supervisor-$1-$LANG_SHOWN.png"
}

main() {
    set_up
    start_x
    HOME="$WORK/home" "$APP" --lang "$LANG_SHOWN" --data-dir "$WORK/demo" >"$WORK/app.log" 2>&1 &
    PIDS+=($!)
    sleep 4
    xdotool type --delay 40 -- giamsat
    xdotool key Tab
    xdotool type --delay 40 -- "$PASSWORD"
    xdotool key Return
    sleep 4
    xdotool key ctrl+4
    shot dashboard 4
    xdotool key ctrl+Tab
    shot audit 1
}

main "$@"
