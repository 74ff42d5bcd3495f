#!/usr/bin/env bash
# A clerk's day at the counter under a real X server (Xvfb, 1366×768) with a real window
# manager (openbox): the clerk's keys typed by xdotool, the cards read by a COM-port scanner
# (a pseudo-terminal the script writes each card's QR text to, as a serial scanner sends it;
# xdotool's own typing of Vietnamese letters remaps keys one by one, too slowly and unevenly
# for the keyboard-wedge path, which the GUI tests drive instead). Sign-in,
# ten intakes of different procedures, a supplement request, a refusal, the lock and the
# sign-out. A screenshot of every step goes to docs/screenshots/day-<text size>-NN-<step>.png.
#
#   scripts/clerk_day.sh [100|130|150]      (needs: xvfb, openbox, xdotool, imagemagick)
#
# The counter is a throw-away demo (scripts/demo.sh's, synthetic people only) in a temporary
# folder; its text size is the counter's setting, as a ward would set it.
set -euo pipefail
cd "$(dirname "$0")/.."

SCALE="${1:-100}"
APP=.venv/bin/counter-app
OUT=docs/screenshots
DAY="$(mktemp -d)"
mkdir -p "$DAY/home"
DISPLAY_NUMBER="${CLERK_DAY_DISPLAY:-:77}"
PIDS=()
mkdir -p "$OUT"

finish() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$DAY"
}
trap finish EXIT

step=0
shot() {  # the whole screen, as the clerk sees it
    step=$((step + 1))
    sleep "${2:-0.8}"
    import -window root "$(printf '%s/day-%s-%02d-%s.png' "$OUT" "$SCALE" "$step" "$1")"
}

scan() {  # the COM-port scanner: one line per card
    printf '%s\n' "$1" >"$DAY/scanner.fifo"
    sleep 0.8
}

start_scanner() {  # a pty standing for the scanner's port; the app opens its other end
    mkfifo "$DAY/scanner.fifo"
    .venv/bin/python - "$DAY" <<'PY' &
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

clerk_types() { xdotool type --delay 40 -- "$1"; }

# A card QR of a synthetic person (id-card.md §2 field order).
card() {
    printf '%s|%s|%s|%s|%s|%s|%s' "$1" "" "$2" "$3" "$4" "Số $5 phố Demo, Hoàn Kiếm, Hà Nội" "12042021"
}

set_up() {
    DEMO_DIR="$DAY/demo" DEMO_NEW_DOSSIERS=1 DISPLAY= bash scripts/demo.sh >"$DAY/demo.log" 2>&1
    start_scanner
    .venv/bin/python - "$DAY/demo" "$SCALE" "$(cat "$DAY/scanner.port")" <<'PY'
import sys
from pathlib import Path
from counter_app.services.clock import now_vn
from counter_app.services.intake_settings import save_intake_settings
from counter_app.services.store import open_store
from counter_app.services.ui_settings import save_ui_settings
store = open_store(Path(sys.argv[1]))
save_ui_settings(store, {"font_scale": int(sys.argv[2])}, actor="it", now=now_vn())
save_intake_settings(store, {"scanner_port": sys.argv[3]}, actor="it", now=now_vn())
store.close()
PY
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
    # Its own home: receipts saved as PDFs (no printer under Xvfb) stay in the day's folder.
    HOME="$DAY/home" "$APP" --data-dir "$DAY/demo" >"$DAY/app.log" 2>&1 &
    PIDS+=($!)
    xdotool search --sync --name "Đăng nhập" >/dev/null
    shot sign-in 1
    clerk_types canbo
    xdotool key Tab
    clerk_types demo-1234
    xdotool key Return
    xdotool search --sync --name "Quầy" >/dev/null
    shot intake-empty 2
}

intake() {  # $1 card payload, $2 procedure words, $3 step name
    scan "$1"
    clerk_types "$2"
    xdotool key Return
    shot "$3-filled"
    xdotool key ctrl+Return
    shot "$3-received" 2
}

day() {
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
    # A supplement request: one paper missing, the reason typed, Ctrl+B.
    scan "$(card 001081007788 'Phan Văn Hùng' 07071981 Nam 17)"
    clerk_types "ket hon"
    xdotool key Return space
    xdotool key Tab
    clerk_types "Thieu giay xac nhan tinh trang hon nhan"
    xdotool key ctrl+b
    shot supplement 2
    # A refusal: a procedure the ward does not receive, said so; another chosen, refused.
    scan "$(card 001180008899 'Ngô Thị Bích' 08081980 Nữ 18)"
    clerk_types "thuong tru"
    shot no-match
    xdotool key ctrl+a
    clerk_types "nuoi con nuoi"
    xdotool key Return Tab
    clerk_types "Khong thuoc tham quyen cua phuong"
    xdotool key ctrl+r
    shot refusal 2
    # The dossiers of the day, the lock and the sign-out.
    xdotool key ctrl+2
    shot dossiers 1.5
    xdotool key ctrl+1 ctrl+l
    shot locked
    clerk_types demo-1234
    xdotool key Return
    shot unlocked 1.5
    xdotool key ctrl+shift+q
    shot signed-out
}

set_up
start_x
sign_in
day
echo "Screenshots: $OUT/day-$SCALE-*.png"
