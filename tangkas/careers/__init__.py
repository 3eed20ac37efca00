"""Careers: how close two occupations are (:mod:`.similarity`) and the moves a worker can make, with
their gaps (:mod:`.transitions`)."""
