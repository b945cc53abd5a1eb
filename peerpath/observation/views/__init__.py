"""Direct observation pages: record an observation, rate framework statements unit by unit,
the worker's reflection, finalising, addenda; the worker's competence record; development
plans for an area of significant concern. One module a subject; `urls.py` names the views
through this package."""

from .observations import (
    observation_addendum,
    observation_create,
    observation_detail,
    observation_edit,
    observation_finalise,
    observation_list,
    observation_rate,
    observation_reflect,
    observation_start,
    observation_units,
)
from .plans import plan_close, plan_create, plan_detail, plan_list, plan_review
from .records import my_record, record, record_list, record_print

__all__ = [
    "my_record",
    "observation_addendum",
    "observation_create",
    "observation_detail",
    "observation_edit",
    "observation_finalise",
    "observation_list",
    "observation_rate",
    "observation_reflect",
    "observation_start",
    "observation_units",
    "plan_close",
    "plan_create",
    "plan_detail",
    "plan_list",
    "plan_review",
    "record",
    "record_list",
    "record_print",
]
