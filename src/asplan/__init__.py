"""asplan: Account Service Plans as YAML, checked, dated and rendered."""

__version__ = "0.1.0"
