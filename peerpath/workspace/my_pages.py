"""The pages of a person supported's own record (under /my/), listed on their home page:
(URL name, link text, one line on what it holds). Each app that adds a page for the person
adds its line here; the home page links to them in this order."""

MY_PAGES: tuple[tuple[str, str, str], ...] = (
    (
        "governance:my-sharing",
        "Who can see my information",
        "What your family and carers can see, and when information was shared without "
        "asking you. Start or stop sharing here.",
    ),
)
