"""Reading a proposal: YAML, JSON or Markdown front matter to located values, validated by the pydantic models."""
