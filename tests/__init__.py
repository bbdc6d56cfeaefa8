"""Tests of eventsdb (a package, so that conftest imports as tests.conftest and test folders named
like the project's packages, such as tests/schema, do not shadow them)."""
