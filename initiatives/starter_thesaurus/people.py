"""Starter groups about people and their lives: young and old, care, loneliness, newcomers and
language, money and work, learning, culture, sport, food, faith, health and events
(migration 0039). One group a line, its first word its name."""

GROUPS: list[str] = []
