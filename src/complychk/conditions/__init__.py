"""Condition packs: the feature files, their step vocabulary, glossary and checks, compiled once and cached."""
