"""A limit on how many NIKs registered at other offices one counsellor's key may try.

A NIK is unique across all offices, so registering or correcting a worker tells a counsellor whether a
NIK is registered somewhere (never where or whose). Each such refusal is audited; this module also
limits them, so that uniqueness does not become a lookup of the national register: after
``TANGKAS_NIK_REFUSALS`` (10) NIKs held at other offices within ``TANGKAS_NIK_REFUSAL_WINDOW_SECONDS``
(a day), a key's next NIK is refused unread with :class:`NikProbeLimitError` (HTTP 429), audited as
``nik_probe_limited``. A bulk registration holding more such NIKs than the key has left is refused
whole without naming its rows. Admins are not limited (they see every office). NIKs held by the key's
own office are not counted: the counsellor may list those anyway.

The count is per store and per process (like the sign-in limit): behind several server processes, a
shared counter (Redis) is needed for a strict limit.
"""

from __future__ import annotations

from threading import Lock
from weakref import WeakKeyDictionary

from tangkas.errors import TangkasError
from tangkas.limiting import Attempts, setting
from tangkas.store import Store
from tangkas.store.audit import audit
from tangkas.store.keys import ApiKey
from tangkas.store.queries import nik_offices

NIK_REFUSALS = setting("TANGKAS_NIK_REFUSALS", 10)
"""NIKs registered at other offices one counsellor's key may try within the window."""
NIK_REFUSAL_WINDOW = setting("TANGKAS_NIK_REFUSAL_WINDOW_SECONDS", 86_400)
"""The window, in seconds, over which those NIKs count."""

_COUNTS: WeakKeyDictionary[Store, Attempts] = WeakKeyDictionary()
_LOCK = Lock()


class NikProbeLimitError(TangkasError):
    """Too many NIKs registered at other offices were tried with one key: wait ``retry_after`` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            "too many NIKs already registered at other offices were tried with this key: "
            f"try again in {retry_after} s, or ask an administrator"
        )
        self.retry_after = retry_after


def _counts(store: Store) -> Attempts:
    with _LOCK:
        counts = _COUNTS.get(store)
        if counts is None:
            counts = _COUNTS[store] = Attempts(NIK_REFUSALS, NIK_REFUSAL_WINDOW)
        return counts


def _refuse(store: Store, caller: ApiKey, wait: int) -> NikProbeLimitError:
    audit(store, caller, "nik_probe_limited", "worker", None, detail={"retry_after": wait})
    return NikProbeLimitError(wait)


def check_nik_allowance(store: Store, caller: ApiKey) -> None:
    """Raise :class:`NikProbeLimitError` when ``caller`` (a counsellor) has no NIK tries left."""
    if caller.role != "counsellor":
        return
    wait = _counts(store).wait(str(caller.id))
    if wait:
        raise _refuse(store, caller, wait)


def count_nik_refusals(store: Store, caller: ApiKey, refused: list[str]) -> None:
    """Count the ``refused`` NIKs held at an office other than ``caller``'s; raise
    :class:`NikProbeLimitError` when they are more than the tries the key had left."""
    if caller.role != "counsellor" or not refused:
        return
    held = nik_offices(store, refused)
    elsewhere = [nik for nik in refused if held.get(nik, set()) - {caller.office_code}]
    counts, name = _counts(store), str(caller.id)
    allowed = counts.remaining(name)
    for _ in elsewhere:
        counts.add(name)
    if len(elsewhere) > allowed:
        raise _refuse(store, caller, counts.wait(name))
