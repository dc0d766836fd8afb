"""The analyst's corrections: judgements kept as data and replayed on top of extraction.

Its own room between merge/ and read/: `kinds` (what each kind of correction does, as data),
`keys` (stable names for targets), `journal` (row changes and their inverse), `log` (the API),
`share` (a JSON file a team passes around).
"""

from store.correct.kinds import CorrectionError, Kind
from store.correct.log import Correction, Corrections, has_corrections, replay

__all__ = ["Correction", "CorrectionError", "Corrections", "Kind", "has_corrections", "replay"]
