"""The simulator's knobs and the faults it injects, drawn from one seeded generator.

A seed makes a run repeatable: the same requests in the same order meet the same faults.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from sync.protocol import is_loopback_host
from sync.simulator.errors import HostNotLoopbackError, SimOptionError


class Fault(StrEnum):
    RESET = "reset"  # the connection is reset before the request is processed
    SERVER_ERROR = "500"  # processed and committed, then 500: the client never learns the results
    RATE_LIMITED = "429"  # not processed: 429 with Retry-After
    SLOW = "slow"  # processed, then the reply waits longer than the client's read timeout
    MALFORMED = "malformed"  # processed, then a 200 whose body is cut-off JSON
    RETRY_LATER = "retry_later"  # per record, in a batch: the outcome ``retry_later``


REQUEST_FAULTS = frozenset(f for f in Fault if f is not Fault.RETRY_LATER)
# The simulator's default slow reply outlasts the client's 30 s read timeout (sync.md B1).
DEFAULT_SLOW_MS = 35_000
DEFAULT_RETRY_AFTER_S = 5
# A received dossier moves 2 → 4 → 9 at this pace, so a demo's status pull finds something.
DEFAULT_ADVANCE_AFTER_S = 60.0


class CodePolicy(StrEnum):
    KEEP = "keep"  # keep the counter's code when it has the official shape for its agency
    ALWAYS = "always"  # assign an official code to every new dossier (provisional codes, §2 B)


@dataclass(frozen=True)
class SimConfig:
    host: str = "127.0.0.1"
    port: int = 0
    token: str | None = None
    fail_rate: float = 0.0
    faults: frozenset[Fault] = frozenset(Fault)
    seed: int | None = None
    latency_ms: int = 0
    slow_ms: int = DEFAULT_SLOW_MS
    retry_after_s: int = DEFAULT_RETRY_AFTER_S
    clock_skew_s: int = 0
    advance_after_s: float = DEFAULT_ADVANCE_AFTER_S  # 0: only ``city-sim advance`` moves them
    codes: CodePolicy = CodePolicy.KEEP
    catalogue: Path | None = None  # None: the catalogue shipped with the app

    def __post_init__(self) -> None:
        if not is_loopback_host(self.host):
            raise HostNotLoopbackError("")
        if not 0.0 <= self.fail_rate <= 1.0:
            raise SimOptionError("--fail-rate must be within 0-1")
        times = (self.latency_ms, self.slow_ms, self.retry_after_s, self.advance_after_s)
        if min(times) < 0 or not 0 <= self.port <= 65535:
            raise SimOptionError("times and ports cannot be negative")


def parse_faults(text: str) -> frozenset[Fault]:
    """``reset,500,429,slow,malformed,retry_later`` (any subset) or ``all``."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    if names == ["all"]:
        return frozenset(Fault)
    try:
        return frozenset(Fault(name) for name in names)
    except ValueError:
        raise SimOptionError("--faults takes " + ",".join(f.value for f in Fault)) from None


@dataclass
class FaultPlan:
    """Draws faults for requests and records; thread-safe, as the server is threaded."""

    rate: float
    kinds: frozenset[Fault]
    seed: int | None = None
    _rng: random.Random = field(init=False)
    _lock: threading.Lock = field(init=False, default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)

    def for_request(self) -> Fault | None:
        choices = sorted(self.kinds & REQUEST_FAULTS)
        with self._lock:
            if not choices or self._rng.random() >= self.rate:
                return None
            return self._rng.choice(choices)

    def record_retry_later(self) -> bool:
        if Fault.RETRY_LATER not in self.kinds:
            return False
        with self._lock:
            return self._rng.random() < self.rate
