"""Widgets of the review app: the findings table, the detail panes, the character diff, the dialogs."""
