"""URL arguments for this app's routes in the URL-by-role walk (peerpath/tests/test_url_access.py,
rules in peerpath/tests/access_walk.py).

Objects come from the walk's world (`walk_world` in peerpath/tests/test_url_access.py).
An argument names an object of the home organisation, so the outsider must get 404,
unless the Example says why not.
"""

from peerpath.tests.access_walk import Example

EXAMPLES: dict[str, Example] = {
    "training:programme-detail": Example(lambda w: {"pk": w.programme.pk}),
    "training:programme-copy": Example(lambda w: {"pk": w.programme.pk}),
    "training:programme-edit": Example(lambda w: {"pk": w.programme.pk}),
    "training:programme-wording": Example(lambda w: {"pk": w.programme.pk}),
    "training:programme-coverage": Example(lambda w: {"pk": w.programme.pk}),
    "training:module-add": Example(lambda w: {"pk": w.programme.pk}),
    "training:module-edit": Example(lambda w: {"pk": w.programme.modules.first().pk}),
    "training:cohort-detail": Example(lambda w: {"pk": w.cohort.pk}),
    "training:cohort-submissions": Example(lambda w: {"pk": w.cohort.pk}),
    "training:placement-create": Example(lambda w: {"pk": w.enrolment.pk}),
    "training:placement-detail": Example(lambda w: {"pk": w.placement.pk}),
    "training:placement-day": Example(lambda w: {"pk": w.placement.pk}),
    "training:placement-day-confirm": Example(lambda w: {"pk": w.placement_day.pk}),
    "training:placement-review": Example(lambda w: {"pk": w.placement.pk}),
    "training:placement-sign-off": Example(lambda w: {"pk": w.placement.pk}),
    "training:enrolment-portfolio": Example(lambda w: {"pk": w.enrolment.pk}),
    "training:graduation": Example(lambda w: {"pk": w.enrolment.pk}),
    "training:programme-requirements": Example(lambda w: {"pk": w.programme.pk}),
    "training:assessment-change": Example(lambda w: {"pk": w.programme.assessments.all()[0].pk}),
    "training:eligibility-remove": Example(lambda w: {"pk": w.programme.criteria.all()[0].pk}),
    "training:certificate": Example(lambda w: {"pk": w.award.pk}),
    "training:outcome-add": Example(lambda w: {"pk": w.award.pk}),
    "training:verify-number": Example(lambda w: {"number": w.award.certificate_number}),
    "training:portfolio-entry": Example(lambda w: {"pk": w.portfolio_entry.pk}),
    "training:my-assessment": Example(lambda w: {"pk": w.programme.assessments.all()[0].pk}),
    "training:submission-mark": Example(lambda w: {"pk": w.submission.pk}),
    "training:submission-download": Example(lambda w: {"pk": w.submission.pk}),
    "training:assessment-criteria": Example(lambda w: {"pk": w.programme.assessments.all()[0].pk}),
    "training:timetable-generate": Example(lambda w: {"pk": w.cohort.pk}),
    "training:session-move": Example(lambda w: {"pk": w.session.pk}),
    "training:register": Example(lambda w: {"pk": w.session.pk}),
}
