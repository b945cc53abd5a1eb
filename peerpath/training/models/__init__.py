"""Training's models, by part: programmes (and what they ask), delivery (cohorts,
enrolments, sessions, attendance), assessment, placement (work experience), portfolio and
graduation. Every model is importable from here: `from peerpath.training.models import X`.

Recruitment (intakes, applications, selection) is its own app, `peerpath.recruitment`.
"""

from .assessment import (
    AssessmentCriterion,
    Mark,
    MarkOutcome,
    StoryDraft,
    Submission,
    SubmissionFile,
    submission_upload_to,
)
from .delivery import (
    ATTENDED,
    AttendanceRecord,
    AttendanceStatus,
    Cohort,
    Enrolment,
    EnrolmentStatus,
    TrainingSession,
)
from .graduation import (
    Award,
    GraduateOutcome,
    OutcomeKind,
)
from .placement import (
    Placement,
    PlacementDay,
    PlacementReview,
    ReviewKind,
)
from .portfolio import (
    EvidenceKind,
    PortfolioEntry,
    PortfolioEvidence,
    PortfolioStatus,
)
from .programmes import (
    AssessmentKind,
    AssessmentRequirement,
    CertificateIssuer,
    CopiedText,
    Coursework,
    DeliveryMode,
    EligibilityCriterion,
    Module,
    Programme,
    ProgrammeCertificate,
    ProgrammeInformation,
    ProgrammeQuerySet,
)

__all__ = [
    "ATTENDED",
    "AssessmentCriterion",
    "AssessmentKind",
    "AssessmentRequirement",
    "AttendanceRecord",
    "AttendanceStatus",
    "Award",
    "CertificateIssuer",
    "Cohort",
    "CopiedText",
    "Coursework",
    "DeliveryMode",
    "EligibilityCriterion",
    "Enrolment",
    "EnrolmentStatus",
    "EvidenceKind",
    "GraduateOutcome",
    "Mark",
    "MarkOutcome",
    "Module",
    "OutcomeKind",
    "Placement",
    "PlacementDay",
    "PlacementReview",
    "PortfolioEntry",
    "PortfolioEvidence",
    "PortfolioStatus",
    "Programme",
    "ProgrammeCertificate",
    "ProgrammeInformation",
    "ProgrammeQuerySet",
    "ReviewKind",
    "StoryDraft",
    "Submission",
    "SubmissionFile",
    "TrainingSession",
    "submission_upload_to",
]
