"""Labour-market demand from vacancy feeds: read feeds, normalise places and pay, dedupe, code, aggregate.

The store calls :func:`read_postings` to stream a feed file into :class:`Posting` rows (with a
:class:`FeedReport` of rejected rows and coverage), :func:`dedupe` to drop repeats,
:func:`postings_table` to turn a batch into an Arrow table, :func:`code_postings` (with
:func:`default_title_coder` and :func:`default_skill_extractor`) to add occupations and skills, and
the functions of :mod:`tangkas.market.demand` over :func:`coded_table` for indicators.

>>> parse_location("Kab. Bekasi").province_code, parse_salary("Rp 4 - 5 juta").monthly_idr
('32', (4000000, 5000000))
"""

from tangkas.market.coding import (
    CodedPosting,
    OccupationGuess,
    TitleCoding,
    code_postings,
    coverage,
    default_skill_extractor,
    default_title_coder,
)
from tangkas.market.demand import (
    alignment_demand,
    demand_by,
    digital_share,
    median_pay,
    skill_demand,
    skill_trends,
)
from tangkas.market.feeds import FeedError, FeedReport, detect_feed, parse_feed, read_postings, write_postings
from tangkas.market.places import Place, parse_location
from tangkas.market.postings import Posting, dedupe
from tangkas.market.salary import Salary, parse_salary
from tangkas.market.tables import coded_table, postings_table
from tangkas.rows.write import write_table

__all__ = [
    "CodedPosting",
    "FeedError",
    "FeedReport",
    "OccupationGuess",
    "Place",
    "Posting",
    "Salary",
    "TitleCoding",
    "alignment_demand",
    "code_postings",
    "coded_table",
    "coverage",
    "dedupe",
    "default_skill_extractor",
    "default_title_coder",
    "demand_by",
    "detect_feed",
    "digital_share",
    "median_pay",
    "parse_feed",
    "parse_location",
    "parse_salary",
    "postings_table",
    "read_postings",
    "skill_demand",
    "skill_trends",
    "write_postings",
    "write_table",
]
