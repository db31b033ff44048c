"""Articles → activities: every field with its evidence, by rules and gazetteers from config.yaml."""
