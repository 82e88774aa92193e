"""Screens of the app: counter mode, its modals and help (practice mode has its own module)."""
