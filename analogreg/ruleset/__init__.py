"""Rules and templates as data: schema, loading with every error reported, matching, example self-test."""
