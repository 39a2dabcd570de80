"""Starter groups about the living environment: public space, green, water, animals, waste, traffic,
parking, safety, housing, energy, heat and accessibility
(migration 0039). One group a line, its first word its name."""

GROUPS: list[str] = []
