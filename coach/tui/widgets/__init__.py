"""Widgets of the counter screen, one concern per module."""
