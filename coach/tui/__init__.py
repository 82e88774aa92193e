"""The terminal app on top of the core: `make_app` in `coach.tui.app` builds it.

Nothing is imported here eagerly, so that importing a submodule stays cheap.
"""
