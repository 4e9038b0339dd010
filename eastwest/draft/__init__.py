"""Drafting annotations for a new source, and measuring the drafts against the curated ones."""
