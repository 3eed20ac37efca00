"""Working conditions a worker may ask about: is an occupation heavy manual work, is it done outdoors.

Read from the taxonomy, not guessed per occupation:

- **heavy manual**: ISCO-08 major groups 6, 7 and 9 (agricultural, craft and trades, elementary work)
  are work done mainly with the body. Major group 8 (machine operators and drivers) is not counted: its
  work is run from a seat or a machine's controls, and it is where a forklift driver who wants less
  strain can go. A worker who wants "less physical strain" is shown moves out of heavy manual work.
- **outdoor**: the occupation lists the ESCO skill "work in outdoor conditions" (essential or optional),
  or belongs to a unit group whose work is outdoors by definition (crops, forestry, fishing, house
  building, bricklaying, roofing, farm and construction labouring, refuse collection, sweeping).

>>> tax = load_taxonomy()
>>> forklift = tax.occupation_index[next(o.uri for o in tax.occupations if o.label_en == "forklift operator")]
>>> bool(manual_mask()[forklift]), bool(outdoor_mask()[forklift])
(False, False)
"""

from __future__ import annotations

import numpy as np

from tangkas.loading import load_once
from tangkas.taxonomy import load_taxonomy

MANUAL_MAJOR_GROUPS = ("6", "7", "9")
OUTDOOR_SKILL = "work in outdoor conditions"
OUTDOOR_UNIT_GROUPS = (
    *("611", "613", "62", "7111", "7112", "7121"),
    *("9211", "9212", "9213", "9214", "9215", "9216", "9311", "9312", "9313", "9611", "9612", "9613"),
)
"""Unit groups (or their prefixes) whose work is outdoors by ISCO-08's definition."""


@load_once
def manual_mask() -> np.ndarray:
    """True for occupations of heavy manual work (ISCO-08 major groups 6, 7, 9), in taxonomy row order."""
    mask = np.array([o.isco.startswith(MANUAL_MAJOR_GROUPS) for o in load_taxonomy().occupations])
    mask.setflags(write=False)
    return mask


@load_once
def outdoor_mask() -> np.ndarray:
    """True for occupations done outdoors, in taxonomy row order."""
    tax = load_taxonomy()
    skill = tax.skill(OUTDOOR_SKILL)
    column = tax.skill_index[skill.uri]
    lists = np.asarray((tax.essential[:, column] + tax.optional[:, column]).todense()).ravel() > 0
    groups = np.array([o.isco.startswith(OUTDOOR_UNIT_GROUPS) for o in tax.occupations])
    mask: np.ndarray = lists | groups
    mask.setflags(write=False)
    return mask
