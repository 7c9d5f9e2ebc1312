"""Code shared by test modules: test modules import from here, never from each other, and
conftest.py files hold only fixtures."""
