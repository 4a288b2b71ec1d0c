"""Condition packs: the feature files and manifest, their step vocabulary, glossary and checks, compiled into conditions."""
