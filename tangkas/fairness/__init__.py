"""Fair hiring: checking job ads for discriminatory requirements (:mod:`tangkas.fairness.ads`)."""
