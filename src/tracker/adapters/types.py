"""Column types that keep loads exact and times in UTC on every engine."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import DateTime, Dialect, Numeric
from sqlalchemy.types import TypeDecorator, TypeEngine

from tracker.domain.units import plain


class ExactDecimal(TypeDecorator[Decimal]):
    """A NUMERIC column read back as Decimal.

    PostgreSQL stores NUMERIC exactly. SQLite has no decimal type: it keeps the number as a
    REAL, which round-trips every load with up to ``scale`` decimal places (loads are validated
    to at most 3), so we read it back through ``str`` and quantize instead of letting the float
    leak out. Doing the conversion here also avoids SQLAlchemy's "no native Decimal" warning.
    """

    impl = Numeric
    cache_ok = True

    def __init__(self, precision: int = 12, scale: int = 4) -> None:
        super().__init__(precision=precision, scale=scale)
        self.precision = precision
        self.scale = scale

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(Numeric(asdecimal=False))
        return dialect.type_descriptor(Numeric(self.precision, self.scale))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return float(value)
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if not isinstance(value, Decimal):  # SQLite's REAL: back to the typed decimal
            value = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-self.scale))
        return plain(value)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware datetimes stored in UTC.

    PostgreSQL gets ``timestamptz``; SQLite stores naive UTC text, and we attach UTC on the way out.
    Naive datetimes are refused: a time without a zone is a bug waiting to happen.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: tracker stores timezone-aware times only")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
