#!/usr/bin/env bash
# A clerk's day at the counter under a real X server (Xvfb, 1366×768) with a real window
# manager (openbox): the clerk's keys typed by xdotool, the cards read by a COM-port scanner
# (a pseudo-terminal the script writes each card's QR text to, as a serial scanner sends it;
# xdotool's own typing of Vietnamese letters remaps keys one by one, too slowly and unevenly
# for the keyboard-wedge path, which the GUI tests drive instead), and the city simulator on
# loopback. Sign-in, ten intakes of different procedures, a supplement request, a refusal, the
# citizen asked for more coming back with the paper, another collecting a ready result, a
# record the city rejected and the clerk fixes, the lock and the sign-out. A screenshot of
# every step goes to docs/screenshots/clerk-day/<text size>-NN-<step>.png.
#
#   scripts/clerk_day.sh [100|130|150]
#
# The counter is a throw-away demo (scripts/demo.sh's, synthetic people only) in a temporary
# folder; its text size is the counter's setting, as a ward would set it.
#
# Every step waits for what the clerk would wait for: the screen to change after a scan or a
# key, then to stand still (two screenshots alike but for the text cursor's blink). Typed
# words are on screen before their Enter is pressed: an X server that falls behind on a busy
# machine stamps queued keys alike, and a clerk's ten quick letters and Enter would then look
# like a keyboard-wedge scanner's burst.
set -euo pipefail
cd "$(dirname "$0")/.."

SCALE="${1:-100}"
APP="$PWD/.venv/bin/counter-app"
PYTHON="$PWD/.venv/bin/python"
OUT=docs/screenshots/clerk-day
DISPLAY_NUMBER="${CLERK_DAY_DISPLAY:-:77}"
# Pixels two screenshots may differ by and still be "the same screen": the text cursor's
# blink is a 1-2 pixel line as tall as the text; one typed letter is more.
STILL_PIXELS=60
STILL_S=0.5  # a screen alike over this long has settled (a receipt's printing included)
CHANGE_TENTHS=300  # a scan or typed words must show within 30 s (a loaded machine)
KEY_TENTHS=30  # a key may change little on screen (a cursor moved): 3 s, then go on

need() {  # the programs this script drives, and how to get them on Debian
    local missing=()
    for tool in Xvfb openbox xdotool import compare convert xdpyinfo; do
        command -v "$tool" >/dev/null || missing+=("$tool")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        echo "Missing: ${missing[*]}. On Debian:" >&2
        echo "  apt-get install --no-install-recommends xvfb openbox xdotool imagemagick x11-utils" >&2
        exit 2
    fi
    [ -x "$APP" ] || { echo "Run 'make setup' first (no $APP)." >&2; exit 2; }
}
need

DAY="$(mktemp -d)"
mkdir -p "$DAY/home" "$OUT"
PIDS=()

finish() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$DAY"
}
trap finish EXIT

grab() { import -window root "$1"; }

# How many pixels differ between two screenshots.
differ() { compare -metric AE "$1" "$2" null: 2>&1 | cut -d' ' -f1 || true; }

mark() { grab "$DAY/mark.png"; }  # the screen before a key or a scan

changed() {  # $1 tenths of a second: wait until the screen differs from the mark
    for _ in $(seq "$1"); do
        grab "$DAY/now.png"
        [ "$(differ "$DAY/mark.png" "$DAY/now.png")" -gt "$STILL_PIXELS" ] && return 0
        sleep 0.1
    done
    return 1
}

settled() {  # wait until two screenshots STILL_S apart are alike
    grab "$DAY/before.png"
    for _ in $(seq 120); do
        sleep "$STILL_S"
        grab "$DAY/after.png"
        [ "$(differ "$DAY/before.png" "$DAY/after.png")" -le "$STILL_PIXELS" ] && return 0
        mv "$DAY/after.png" "$DAY/before.png"
    done
    echo "Step $((step + 1)): the screen did not settle." >&2
    return 1
}

must_change() {
    changed "$CHANGE_TENTHS" || { echo "Step $((step + 1)): $1 did not show." >&2; exit 1; }
    settled
}

step=0
shot() {  # the whole screen, as the clerk sees it, once it has settled
    step=$((step + 1))
    settled
    # 64 colours, no dithering: text stays sharp and a screenshot weighs about 40 kB.
    convert "$DAY/after.png" -dither None -colors 64 \
        "PNG8:$(printf '%s/%s-%02d-%s.png' "$OUT" "$SCALE" "$step" "$1")"
}

scan() {  # the COM-port scanner: one line per card or receipt
    mark
    printf '%s\n' "$1" >"$DAY/scanner.fifo"
    must_change "the scan"
}

press() { mark; xdotool key "$@"; changed "$KEY_TENTHS" || true; settled; }

clerk_types() { mark; xdotool type --delay 60 -- "$1"; must_change "the typed words"; }

# Vietnamese letters: xdotool remaps a spare key for each, which the app must see before the
# key itself; a clerk's slower pace leaves it the time. The store is checked after the day.
clerk_writes() { mark; xdotool type --delay 200 -- "$1"; must_change "the typed words"; }
SUPPLEMENT_REASON="Thiếu giấy xác nhận tình trạng hôn nhân"
REFUSAL_REASON="Không thuộc thẩm quyền của phường"

start_scanner() {  # a pty standing for the scanner's port; the app opens its other end
    mkfifo "$DAY/scanner.fifo"
    "$PYTHON" - "$DAY" <<'PY' &
import os, pty, sys
from pathlib import Path
day = Path(sys.argv[1])
master, slave = pty.openpty()
(day / "scanner.port").write_text(os.ttyname(slave))
while True:
    with open(day / "scanner.fifo", encoding="utf-8") as fifo:
        for line in fifo:
            os.write(master, line.rstrip("\n").encode("utf-8") + b"\r\n")
PY
    PIDS+=($!)
    for _ in $(seq 50); do [ -s "$DAY/scanner.port" ] && break; sleep 0.1; done
}

start_city() {  # the city simulator on loopback; it moves no status by itself
    "$APP" city-sim --port 0 --db "$DAY/city.db" --advance-after-s 0 >"$DAY/city.out" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 150); do grep -q ready "$DAY/city.out" && break; sleep 0.1; done
    CITY_URL="$(grep -m1 ready "$DAY/city.out" | awk '{print $NF}')"
    [ -n "$CITY_URL" ] || { echo "The city simulator did not start:" >&2; cat "$DAY/city.out" >&2; exit 1; }
}

# A card QR of a synthetic person (id-card.md §2 field order).
card() {
    printf '%s|%s|%s|%s|%s|%s|%s' "$1" "" "$2" "$3" "$4" "Số $5 phố Demo, Hoàn Kiếm, Hà Nội" "12042021"
}

set_up() {
    if ! DEMO_DIR="$DAY/demo" DEMO_NEW_DOSSIERS=1 DISPLAY= bash scripts/demo.sh \
        >"$DAY/demo.log" 2>&1; then
        cat "$DAY/demo.log" >&2
        exit 1
    fi
    start_scanner
    start_city
    READY_CODE="$("$PYTHON" scripts/clerk_day_setup.py "$DAY/demo" "$SCALE" \
        "$(cat "$DAY/scanner.port")" "$CITY_URL")"
}

start_x() {
    Xvfb "$DISPLAY_NUMBER" -screen 0 1366x768x24 -nolisten tcp >"$DAY/xvfb.log" 2>&1 &
    PIDS+=($!)
    export DISPLAY="$DISPLAY_NUMBER"
    for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
    openbox >"$DAY/openbox.log" 2>&1 &
    PIDS+=($!)
    sleep 0.5
}

sign_in() {
    # From the day's folder, with the data folder named relative to it: the receipts saved as
    # PDFs (no printer under Xvfb) are then shown as "demo/Biên nhận/…", no machine's path.
    (cd "$DAY" && HOME="$DAY/home" exec "$APP" --data-dir demo >"$DAY/app.log" 2>&1) &
    PIDS+=($!)
    xdotool search --sync --name "Đăng nhập" >/dev/null
    shot sign-in
    xdotool type --delay 60 canbo
    xdotool key Tab
    xdotool type --delay 60 demo-1234
    xdotool key Return
    xdotool search --sync --name "Quầy" >/dev/null
    shot intake-empty
}

intake() {  # $1 card payload, $2 procedure words, $3 step name
    scan "$1"
    clerk_types "$2"
    press Return
    shot "$3-filled"
    press ctrl+Return
    shot "$3-received"
}

ten_intakes() {
    intake "$(card 001089004217 'Trần Quốc Bảo' 05061989 Nam 7)" "ks" khai-sinh
    intake "$(card 001305009876 'Lê Thị Thu Hà' 21092005 Nữ 3)" "ket hon" ket-hon
    intake "$(card 001186007531 'Hoàng Thị Mai Anh' 30101986 Nữ 9)" "khai tu" khai-tu
    intake "$(card 001309006543 'Bùi Thanh Tâm' 12122009 Nữ 2)" "tinh trang hon nhan" hon-nhan
    intake "$(card 001088001122 'Phạm Văn Dũng' 01011988 Nam 11)" "chung thuc ban sao" ban-sao
    intake "$(card 001187002233 'Nguyễn Thị Hoa' 02021987 Nữ 12)" "chu ky" chu-ky
    intake "$(card 001085003344 'Đỗ Minh Khang' 03031985 Nam 13)" "trich luc" trich-luc
    intake "$(card 001184004455 'Vũ Thị Lan' 04041984 Nữ 14)" "giam ho" giam-ho
    intake "$(card 001083005566 'Lê Văn Tám' 05051983 Nam 15)" "di chuc" di-chuc
    intake "$(card 001182006677 'Trần Thị Mai' 06061982 Nữ 16)" "ho kinh doanh" ho-kinh-doanh
}

HUNG="$(card 001081007788 'Phan Văn Hùng' 07071981 Nam 17)"

supplement_and_refusal() {
    # A supplement request: one paper missing (unticked), the reason typed, Ctrl+B.
    scan "$HUNG"
    clerk_types "ket hon"
    press Return
    press space
    press Tab
    clerk_writes "$SUPPLEMENT_REASON"
    press ctrl+b
    shot supplement
    # A refusal: a procedure the ward does not receive, said so; another chosen, refused.
    scan "$(card 001180008899 'Ngô Thị Bích' 08081980 Nữ 18)"
    clerk_types "thuong tru"
    shot no-match
    press ctrl+a
    clerk_types "nuoi con nuoi"
    press Return
    press Tab
    clerk_writes "$REFUSAL_REASON"
    press ctrl+r
    shot refusal
    press ctrl+2  # the day's dossiers so far
    shot dossiers
    press ctrl+1
}

returns() {
    # Later, the citizen asked for more brings the paper: his card shows the dossier waiting
    # (F4, Enter opens it); Ctrl+T proposes "received", Enter; Ctrl+P prints the receipt.
    scan "$HUNG"
    shot back-with-paper
    press F4
    press Return
    shot waiting-dossier
    press ctrl+t
    press Return
    press ctrl+p
    shot back-received
    press ctrl+1  # his card is still on the intake form: Esc, Esc clears it
    press Escape
    press Escape
    # Another citizen collects a ready result: the returns screen, the receipt's QR, Ctrl+Enter.
    press ctrl+3
    scan "$READY_CODE"
    shot result-ready
    press ctrl+Return
    shot result-handed-over
}

rejection_fixed() {
    # A record the city rejected (an ID number typed with a digit missing): the status bar
    # says so; Ctrl+Shift+X lists it, Enter opens the correction, the digit typed, Ctrl+Enter.
    press ctrl+1
    press F5
    shot city-rejected
    press ctrl+shift+x
    shot needs-attention
    press Return
    press End
    press 7
    shot correction
    press ctrl+Return
    press Escape
    press F5
    shot rejection-fixed
}

lock_and_sign_out() {
    press ctrl+1
    press ctrl+l
    shot locked
    xdotool type --delay 60 demo-1234
    press Return
    shot unlocked
    press ctrl+shift+q
    shot signed-out
}

set_up
start_x
sign_in
ten_intakes
supplement_and_refusal
returns
rejection_fixed
lock_and_sign_out
printf '%s\n' "$SUPPLEMENT_REASON" "$REFUSAL_REASON" \
    | "$PYTHON" scripts/clerk_day_setup.py --check "$DAY/demo"
echo "Screenshots: $OUT/$SCALE-*.png"
