"""Reading text: skills from job ads and CVs (:mod:`.extract`), job titles coded to occupations
(:mod:`.titles`), and the sentence models behind them (:mod:`.embeddings`, :mod:`.minilm`)."""
