#!/usr/bin/env bash
# The demo behind `make run`: a demo data folder (set up and seeded once), a few new dossiers,
# the city simulator on loopback, one sync with its progress, the sync status, then the app.
# Everything stays in .demo/ (git-ignored); the simulator is stopped however the script ends.
# Documented in docs/DEMO.md. DEMO_DIR and COUNTER_APP override the folder and the command.
set -euo pipefail
cd "$(dirname "$0")/.."

APP="${COUNTER_APP:-.venv/bin/counter-app}"
DEMO="${DEMO_DIR:-.demo}"
NEW_DOSSIERS="${DEMO_NEW_DOSSIERS:-5}"  # received on every run, so each sync has work to show
PROCEDURE="1.004873"  # a certification procedure of the shipped catalogue
READY_WAIT_TENTHS=150  # the simulator prints its ready line within a second; allow 15 s

app() { "$APP" --data-dir "$DEMO" "$@"; }

set_up_once() {
    if [ -f "$DEMO/counter.db" ]; then
        return
    fi
    echo "== A demo counter in $DEMO (synthetic data only)"
    # --plain: a throw-away store of made-up people; no key in this computer's keyring.
    app setup --agency-code 000.31.27.H26 --agency-name "UBND phường Demo" --counter 1 --plain
    app demo seed --count 200 --seed 1
    echo "== Demo users (docs/DEMO.md): quantri (administrator), giamsat (supervisor), canbo (clerk)"
    add_demo_user quantri "Nguyễn Thị Quản Trị" administrator
    sign_in quantri  # from the first administrator on, managing users needs a session
    add_demo_user giamsat "Trần Văn Giám Sát" supervisor
    add_demo_user canbo "Lê Thị Cán Bộ" clerk
}

# Demo accounts share one published password: the store holds made-up people only.
DEMO_PASSWORD="${DEMO_PASSWORD:-demo-1234}"

# A command-line session (docs/USERS.md): the commands a role guards run as that user.
sign_in() {
    printf '%s\n' "$DEMO_PASSWORD" | app login "$1" --password - >/dev/null
}

add_demo_user() {
    printf '%s\n' "$DEMO_PASSWORD" | app user add "$1" --full-name "$2" --role "$3" --password - >/dev/null
}

# A synthetic applicant as typed JSON on stdin (personal data never on a command line): the ID
# number has the real structure (Hà Nội 001, the sex and century digit, the birth year) and
# random last digits; born 1960-1999 (century digit 0 or 1).
synthetic_person() {
    local n="$1" year=$((1960 + RANDOM % 40)) serial
    serial=$(printf '%06d' $((RANDOM * 32 % 1000000)))
    local sex=male digit=0
    if [ $((n % 2)) -eq 0 ]; then sex=female digit=1; fi
    printf '{"id_number": "001%s%02d%s", "full_name": "%s", "date_of_birth": "%s-03-15", ' \
        "$digit" $((year % 100)) "$serial" "Người Thử Nghiệm $n" "$year"
    printf '"sex": "%s", "address": "Số %s phố Demo, phường Hoàn Kiếm, Hà Nội"}\n' "$sex" "$n"
}

receive_new_dossiers() {
    echo "== $NEW_DOSSIERS new dossiers at the counter"
    sign_in canbo  # received by the clerk: the audit and the dossiers name her
    for n in $(seq 1 "$NEW_DOSSIERS"); do
        synthetic_person "$n" | app dossier add --typed - --procedure "$PROCEDURE" --json >/dev/null
    done
}

start_city_sim() {
    echo "== The city simulator on loopback"
    "$APP" city-sim --port 0 --db "$DEMO/city-sim.db" --advance-after-s 5 \
        >"$DEMO/city-sim.out" 2>"$DEMO/city-sim.err" &
    SIM_PID=$!
    echo "$SIM_PID" >"$DEMO/city-sim.pid"
    trap stop_city_sim EXIT
    trap 'exit 130' INT TERM  # Ctrl+C: leave through the EXIT trap, which stops the simulator
    local tries=0 line=""
    until line=$(grep -m1 'ready' "$DEMO/city-sim.out" 2>/dev/null); do
        tries=$((tries + 1))
        if ! kill -0 "$SIM_PID" 2>/dev/null || [ "$tries" -ge "$READY_WAIT_TENTHS" ]; then
            echo "The city simulator did not start:" >&2
            cat "$DEMO/city-sim.err" >&2
            exit 3
        fi
        sleep 0.1
    done
    SIM_URL="${line##* }"
    echo "$line"
}

stop_city_sim() {
    if [ -n "${SIM_PID:-}" ] && kill -0 "$SIM_PID" 2>/dev/null; then
        kill -TERM "$SIM_PID"
        wait "$SIM_PID" 2>/dev/null || true
    fi
    rm -f "$DEMO/city-sim.pid"
}

main() {
    mkdir -p "$DEMO"
    chmod 700 "$DEMO"
    set_up_once
    receive_new_dossiers
    start_city_sim
    echo "== Sync with the city (the window keeps syncing with it)"
    sign_in giamsat  # the city's address is a supervisor's setting
    app sync configure --url "$SIM_URL" >/dev/null
    app sync --max-wait 60
    echo "== Sync status"
    app sync status
    app logout >/dev/null
    if has_display; then
        echo "== The desktop app (the simulator stops when the window closes)"
        app
    else
        echo "== No display here: the desktop app needs one (the commands above work anywhere)"
    fi
}

has_display() {
    case "$(uname -s)" in
        Linux) [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] ;;
        *) return 0 ;;
    esac
}

main "$@"
