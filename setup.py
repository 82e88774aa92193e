"""The one thing pyproject.toml cannot say without an experimental table: the C extension.

`coach.core.understand._gramsum` takes a linear model's n-gram sums in C. It is optional: where
no compiler is at hand the install goes on and the same sums are taken in Python
(`coach.core.understand.tally`), a little slower.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "coach.core.understand._gramsum",
            ["coach/core/understand/_gramsum.c"],
            optional=True,
        )
    ]
)
