"""The chip of the ID card (ICAO 9303 eMRTD): pure protocol code, no reader, no I/O.

BAC keys, Secure Messaging, TLV, the data groups and passive authentication are computed here
from bytes; the PC/SC transport lives in ``counter_app.services.chip.pcsc`` and is handed in as a
``transmit`` function, so every step can be tested against ICAO 9303's worked example.
"""
