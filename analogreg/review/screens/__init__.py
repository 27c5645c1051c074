"""Screens of the review app, one per module: the main review screen, the edit screen, the orphans screen."""
