"""Young people in the digital economy: interests and talents matched to jobs, courses and facilities."""
