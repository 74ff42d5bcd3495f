"""Settings groups: read with defaults, saved validated and audited."""
