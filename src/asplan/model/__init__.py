"""The plan format as pydantic models: one module per group of sections, scalars apart."""
