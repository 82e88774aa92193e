"""coach: a retention-script coach for brokerage counter staff."""

__version__ = "0.1.0"
