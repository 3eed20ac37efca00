"""Tangkas: skills-based reskilling and upskilling for Indonesia and ASEAN."""
