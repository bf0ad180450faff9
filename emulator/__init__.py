"""numbers-emulator: a local, stateful fake of telephony providers' phone-number APIs."""

__version__ = "0.1.0"
