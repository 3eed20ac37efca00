"""Training: the course catalog (:mod:`.catalog`), plans that close a skill gap within a budget
(:mod:`.plans`, solved by :mod:`.cover`), vocational alignment of courses with demand
(:mod:`.alignment`) and the synthetic demo catalog (:mod:`.demo_catalog`)."""
