"""The pages of a person supported's own record (under /my/), listed on their home page:
(URL name, link text, one line on what it holds). Each app that adds a page for the person
adds its line here; the home page links to them in this order."""

MY_PAGES: tuple[tuple[str, str, str], ...] = (
    # rights
    (
        "rights:my-copy",
        "A copy of my record",
        "Ask for a copy of everything we hold about you, and download it.",
    ),
    (
        "rights:my-corrections",
        "Something wrong in my record",
        "Tell us what is wrong, and see our answer.",
    ),
)
