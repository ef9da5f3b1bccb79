# Copyright 2026 Plateforme d'insertion des réfugiés de Loir-et-Cher
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Default values looked up once per batch of new beneficiary files.

The ORM looks the default values up for every record it creates, walking
every field of the model (``_add_missing_default_values``): for a new file,
every field of the file and of its contact, twice for the contact. That is
a third of the Python cost of a new file. The default values depend on the
context and on which fields are given, not on the values given: while a
batch of files is created (``batch_defaults()``), the files and their
contacts look them up once per model and set of fields given.

Kept on purpose although ``_add_missing_default_values`` is a private method
of the ORM: line 5 of the benchmark (bench/results/) needs it. Only the files
and the contacts created for them take part (``is_refugee_beneficiary``); a
default with a side effect that another addon would add to those models (a
sequence, a uuid) would be shared by one batch. tests/test_odoo_assumptions.py
fails when a version of Odoo no longer goes through this method.
"""

import contextlib
import contextvars
import copy

# {(model, environment, names of the fields given): default values}, while a
# batch of files is created
_BATCH_DEFAULTS = contextvars.ContextVar("refugee_batch_defaults", default=None)


@contextlib.contextmanager
def batch_defaults():
    """Default values are looked up once per model and fields given."""
    token = _BATCH_DEFAULTS.set({})
    try:
        yield
    finally:
        _BATCH_DEFAULTS.reset(token)


def add_missing_default_values(model, values, add_missing):
    """``add_missing(values)`` (the ORM's method), once per batch and key."""
    batch = _BATCH_DEFAULTS.get()
    if batch is None:
        return add_missing(values)
    key = (model._name, model.env, frozenset(values))
    if key not in batch:
        completed = add_missing(values)
        batch[key] = {
            name: value for name, value in completed.items() if name not in values
        }
    # each record gets its own copy of the lists of commands
    defaults = {
        name: copy.deepcopy(value) if isinstance(value, list) else value
        for name, value in batch[key].items()
    }
    return {**defaults, **values}
