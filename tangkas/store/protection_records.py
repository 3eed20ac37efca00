"""Reading a worker's social-security membership spells, PMI placements and placement documents.

Every value here is personal (UU 27/2022): the service (:mod:`tangkas.services.protection_records`)
shows them only to the worker's office and audits each read. Erasure deletes them
(:func:`tangkas.store.queries.erase_worker`).
"""

from __future__ import annotations

from typing import Any

from tangkas.rows.entities import DOCUMENTS, MEMBERSHIPS, PLACEMENT_DOCUMENTS, PLACEMENTS
from tangkas.rows.fields import Spec
from tangkas.store import Store


def _columns(spec: Spec) -> str:
    return ", ".join(("id", *(f.name for f in spec.stored), "created_at"))


MEMBERSHIP_COLUMNS = _columns(MEMBERSHIPS)
PLACEMENT_COLUMNS = _columns(PLACEMENTS)
DOCUMENT_COLUMNS = _columns(PLACEMENT_DOCUMENTS)


def worker_memberships(store: Store, worker_id: int) -> list[dict[str, Any]]:
    """A worker's membership spells, by programme and start."""
    with store.lock:
        return store.backend.query(
            f"SELECT {MEMBERSHIP_COLUMNS} FROM memberships WHERE worker_id = ? "
            "ORDER BY programme, valid_from, id",
            (worker_id,),
        )


def worker_placements(store: Store, worker_id: int) -> list[dict[str, Any]]:
    """A worker's placements in the order they were stored, each with its ``documents`` (in the order
    of UU 18/2017 Pasal 13, then by date issued)."""
    with store.lock:
        placements = store.backend.query(
            f"SELECT {PLACEMENT_COLUMNS} FROM placements WHERE worker_id = ? ORDER BY id",
            (worker_id,),
        )
        documents = store.backend.query(
            f"SELECT {DOCUMENT_COLUMNS} FROM placement_documents WHERE placement_id IN "
            "(SELECT id FROM placements WHERE worker_id = ?) ORDER BY issued_on, id",
            (worker_id,),
        )
    order = {name: n for n, name in enumerate(DOCUMENTS)}
    held: dict[int, list[dict[str, Any]]] = {}
    for document in sorted(documents, key=lambda d: order.get(d["document"], len(order))):
        held.setdefault(document["placement_id"], []).append(document)
    return [{**p, "documents": held.get(p["id"], [])} for p in placements]
