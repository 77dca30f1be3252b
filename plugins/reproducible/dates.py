"""The one date a build may use where it would otherwise read the clock."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def source_date(
    environ: Mapping[str, str], content_dates: Iterable[datetime.datetime | None]
) -> datetime.datetime:
    """SOURCE_DATE_EPOCH when it is set (reproducible-builds.org), otherwise the
    newest date written in the content, otherwise 1970: never the time of the build."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise ValueError(f"SOURCE_DATE_EPOCH must be whole seconds since 1970, not {epoch!r}")
        return EPOCH + datetime.timedelta(seconds=int(epoch))
    return max((date for date in content_dates if date is not None), default=EPOCH)
