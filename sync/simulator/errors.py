"""The simulator's typed errors; the words are in counter_app/texts/sync_sim.py."""

from __future__ import annotations

from counter_app.errors import BadInputError, EnvironmentProblem


class HostNotLoopbackError(BadInputError):
    """The simulator binds to loopback only: it must never be reachable from the ward network."""

    code = "CITY_SIM_HOST_NOT_LOOPBACK"


class SimOptionError(BadInputError):
    """A knob out of range (fail rate, a fault name, a negative time)."""

    code = "CITY_SIM_OPTION_INVALID"


class PortUnavailableError(EnvironmentProblem):
    """The port is taken or cannot be bound."""

    code = "CITY_SIM_PORT_UNAVAILABLE"


class SimDatabaseError(EnvironmentProblem):
    """The simulator's SQLite file cannot be opened or written."""

    code = "CITY_SIM_DB_UNUSABLE"


class SimCatalogueError(BadInputError):
    """The catalogue file to serve is missing, unreadable or not a valid catalogue."""

    code = "CITY_SIM_CATALOGUE_INVALID"


class CityKeyMissingError(EnvironmentProblem):
    """An offline import before ``city-sim keygen`` made the city's key."""

    code = "CITY_SIM_NO_CITY_KEY"
