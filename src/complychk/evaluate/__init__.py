"""Evaluating proposals against a compiled pack: the plan, the durable-rules and reference evaluators, and the findings."""
