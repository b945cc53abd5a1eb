"""The pages of a person supported's own record (under /my/), listed on their home page:
(URL name, link text, one line on what it holds). Each app that adds a page for the person
adds its line here; the home page links to them in this order."""

MY_PAGES: tuple[tuple[str, str, str], ...] = (
    # oversight
    (
        "oversight:who-has-seen",
        "Who has seen my record",
        "Who opened your record, when, which part, and why.",
    ),
)
