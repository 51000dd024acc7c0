"""Corpus scale: find which documents of a large collection are versions of one
another, collate every group, and run on a Dask cluster when one machine is not enough.

read (`reading`) -> fingerprint and candidate pairs (`candidates`) -> verify each pair
with the anchor matcher (`verification`) -> groups of versions (`grouping`) -> collate
every group (`collation`) -> the index (`index`); the tasks of each stage run on an
executor (`execution`): inline, a local process pool or a Dask cluster. `run` composes
them (`collate.collate_corpus`, loaded on first use: numpy, the matcher and the
writers are not needed to `import collate`); the command is `collate corpus` in
`collate/cli.py`.
"""
