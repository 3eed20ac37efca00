"""Language data as plain constants (spaCy style): one module per language."""
