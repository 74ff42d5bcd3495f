"""Wrong passwords tried at the same moment from several processes all count: the account pauses.

Each process opens the store itself (as two windows or a script would), waits for a common
start time, and signs in with a wrong password. The count is read inside the write
transaction, so none of the attempts is lost.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from counter_app.services.clock import now_vn
from counter_app.services.store.opening import Store
from counter_app.services.users import (
    MAX_FAILURES,
    SignInFailedError,
    add_user,
    authenticate,
)
from counter_app.storage.users import get_user

PASSWORD = "mật-khẩu-dài"
ATTEMPT = """
import sys, time
from pathlib import Path
from counter_app.services.clock import now_vn
from counter_app.services.store.opening import open_store
from counter_app.services.users import SignInFailedError, authenticate
store = open_store(Path(sys.argv[1]))
time.sleep(max(0.0, float(sys.argv[2]) - time.time()))
try:
    authenticate(store, "lan", "wrong-password", now=now_vn())
except SignInFailedError:
    print("refused")
store.close()
"""


def test_concurrent_wrong_passwords_lock_the_account(
    new_store: Store, private_data_dir: Path
) -> None:
    add_user(new_store, username="lan", full_name="Nguyễn Thị Lan", role="clerk",
             password=PASSWORD, actor="cli:it",
             acting_role="administrator", now=now_vn())  # fmt: skip
    start = time.time() + 4.0  # every process has opened the store by then
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", ATTEMPT, str(private_data_dir), str(start)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(MAX_FAILURES)
    ]
    outputs = [worker.communicate(timeout=120) for worker in workers]
    assert [out.strip() for out, _ in outputs] == ["refused"] * MAX_FAILURES, outputs
    row = get_user(new_store.db, "lan")
    assert row is not None and row.failed_attempts == MAX_FAILURES
    assert row.locked_until  # paused
    try:
        authenticate(new_store, "lan", PASSWORD, now=now_vn())
    except SignInFailedError:
        pass
    else:
        raise AssertionError("the right password signed in during the pause")
