"""`cleaner` as one step in other people's pipelines.

Each adapter module imports its host framework only when the module itself is imported
(`cleaner.adapters.datatrove` needs datatrove; importing `cleaner` or this package needs nothing).
`common` holds the host-agnostic per-page function they all share.
"""
