"""Imported once by the fork server of the worker pools (see ``batch.pool_context``): the default rules are loaded
there, so that every worker forked from it starts with them (shared copy-on-write) instead of loading its own —
a third of a second of CPU per worker, on every scan and amend run.

A problem with the rules is not reported here: the parent has loaded the same rules, and reported what is wrong
with them, before it starts any pool; a worker that inherits no ruleset loads the rules itself, as before.
"""

from __future__ import annotations

from contextlib import suppress

from analogreg.ruleset.load import default_ruleset

# Any failure is the parent's to report (see above); the workers then load the rules themselves.
with suppress(Exception):
    default_ruleset(None)

with suppress(Exception):
    # The national titles the workers name cited statutes by, indexed once here (0.15 s), shared after the fork.
    from analogreg.citations import title_index

    title_index()
