"""The pages of a person supported's own record (under /my/), listed on their home page:
(URL name, link text, one line on what it holds). Each app that adds a page for the person
adds its line here; the home page links to them in this order."""

MY_PAGES: tuple[tuple[str, str, str], ...] = (
    ("recovery:my-goals", "Your goals", "Add a goal in your own words, steps and successes."),
    ("recovery:my-crisis-plan", "Your crisis plan", "Read it, print it, keep it on your phone."),
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
    ("groups:my-groups", "Your peer groups", "The groups you are in and when they meet next."),
    (
        "governance:my-sharing",
        "Who can see my information",
        "What your family and carers can see, and when information was shared without "
        "asking you. Start or stop sharing here.",
    ),
    (
        "oversight:who-has-seen",
        "Who has seen my record",
        "Who opened your record, when, which part, and why.",
    ),
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
