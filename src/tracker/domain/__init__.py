"""The pure domain: sets, sides, loads, e1RM, asymmetry and load maths.

Nothing in this package may import SQLAlchemy, Alembic or Click (a test checks it).
"""
