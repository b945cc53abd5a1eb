"""The pages of a person supported's own record (under /my/), listed on their home page:
(URL name, link text, one line on what it holds). Each app that adds a page for the person
adds its line here; the home page links to them in this order."""

MY_PAGES: tuple[tuple[str, str, str], ...] = (
    # contacts
    (
        "contacts:my-note-list",
        "Notes about me",
        "The notes your peer support worker signed after you met; add your view",
    ),
    (
        "contacts:my-appointment-list",
        "My appointments",
        "What is coming up; ask to change or cancel",
    ),
    (
        "contacts:my-signpost-list",
        "Services suggested to me",
        "How to get there, and say whether you went",
    ),
)
