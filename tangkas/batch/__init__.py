"""Batch work at national scale: partitioned Parquet in and out, on Dask (``tangkas batch``)."""
