"""Malay word data used for language hints (Malay ads read like Indonesian with different function words)."""

MARKERS: frozenset[str] = frozenset(
    """boleh mesti sahaja syarikat jawatan kelayakan memohon berkebolehan kemahiran sijil
    bertutur fasih bekerjasama tempoh sebarang hendaklah calon permohonan""".split()
)
"""Words common in Malay and rare in Indonesian ads."""
