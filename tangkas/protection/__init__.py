"""Protecting migrant workers (PMI): the pre-departure readiness check and the contributions it asks for.

A pure library: no database, no web. Its rules are data (``tangkas/data/protection/``) with effective
dates, so a check as of a past day uses the rules in force that day.
"""

from tangkas.protection.contributions import (
    ContributionDue,
    InvalidContractError,
    contract_months,
    contribution_due,
)
from tangkas.protection.models import Candidate, Membership, Placement, PlacementDocument
from tangkas.protection.readiness import Readiness, ReadinessItem, check_readiness
from tangkas.protection.rules import NoRuleInForceError, law

__all__ = [
    "Candidate",
    "ContributionDue",
    "InvalidContractError",
    "Membership",
    "NoRuleInForceError",
    "Placement",
    "PlacementDocument",
    "Readiness",
    "ReadinessItem",
    "check_readiness",
    "contract_months",
    "contribution_due",
    "law",
]
