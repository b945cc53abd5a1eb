"""The eligibility criteria PeerPath ships as a template for a vacancy.

Quoted from Nottinghamshire Healthcare's page (seed 002): "To be eligible to apply for any
advertised vacancies, you will need to meeting the following criteria, You need to:".
Each vacancy gets its own copy, which the peer development team may edit.
"""

TEMPLATE_SOURCE = "Nottinghamshire Healthcare NHS Foundation Trust"

TEMPLATE_INTRODUCTION = (
    "To be eligible to apply for any advertised vacancies, you will need to meeting the "
    "following criteria, You need to:"
)

TEMPLATE_CRITERIA: tuple[str, ...] = (
    "have lived experience of mental distress and recovery",
    "be in a position to be able to use your own experiences positively to foster hope and "
    "inspire others",
    "have the ability to work in an enabling and creative way",
    "be able to commit to the training course",
    "be able to demonstrate the ability and aptitude to undertake the training",
    "have a positive attitude and value diversity",
    "have a willingness to support others to shape and improve our services",
    "have developed plans for managing your own recovery",
)

# The interview questions a new vacancy starts with (PeerPath's own; editable per vacancy).
DEFAULT_QUESTIONS: tuple[str, ...] = (
    "What does peer support mean to you, and what would you bring to this team?",
    "Tell us about a time you used your own experience to give someone hope.",
    "How do you look after your own wellbeing at work, and who helps you?",
    "How would you keep good boundaries while building a relationship of equals?",
)
