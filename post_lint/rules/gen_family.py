"""The GEN family's declaration, in a module of its own so that every GEN
rule module (generation, boilerplate, residue, placeholders, fenced,
reasoning) can name it without importing the others."""

from __future__ import annotations

from ..markers import EXTRA_MARKERS
from .base import family, non_blank_strings

#: The GEN family's shared option: the user's extra markers (TRN and DUP
#: rules inherit GEN001's value). ``[rules.GEN]`` sets it for the family.
FAMILY = family(
    "GEN",
    "generation",
    options={EXTRA_MARKERS: []},
    validate={EXTRA_MARKERS: non_blank_strings},
)
