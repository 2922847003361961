"""Throughput at scale: parallel extraction, progress, and the Dask batch engine.

- `veille.batch.pool.ExtractorPool`: `veille extract --workers N`, N local processes,
  results in input order;
- `veille.batch.dask_engine.run_batch`: `veille batch`, partitions on Dask, facts shards
  and a manifest (`veille.batch.shards` documents the files);
- `veille.batch.partitions.extract_partition`: the one per-partition function that every
  engine runs;
- `veille.batch.progress.RunProgress`: the progress bar and timing of long runs.

Nothing is imported here: `veille extract` must not pay for Dask and pyarrow imports.
"""
