"""What every edge calls: the CLI, the JSON API and the pages ask the same questions of these modules.

- :mod:`~tangkas.services.understand`: text, a CV or a query -> skills and occupations; a worker's profile
- :mod:`~tangkas.services.recommend`: a profile -> the occupations they can move into
- :mod:`~tangkas.services.plans`: a profile and a target -> the training need and the course plan
- :mod:`~tangkas.services.vacancies`: stored postings for a target occupation or province
- :mod:`~tangkas.services.records`: workers' records, saved plans and the audit of access to them
- :mod:`~tangkas.services.indicators`: labour-market indicators over the stored postings
- :mod:`~tangkas.services.imports`: files, real vacancy feeds and API bodies into the store
- :mod:`~tangkas.services.coding`: the stored postings coded by the market's one coding pipeline
- :mod:`~tangkas.services.demo`: the synthetic demo data of ``make run``

Each function takes plain typed arguments (and a :class:`~tangkas.store.Store` where data is needed)
and returns typed results; each result has one serialised shape, the ``*_to_dict`` function next to it,
which the API and the CLI's ``--json`` both print. Services call the core and the store, never an edge.
"""
