from typing import Any


def tiny_framework_data() -> dict[str, Any]:
    """A framework with one unit of two statements, for comparing query counts."""
    return {
        "name": "A tiny framework",
        "part": "Part 3: Curriculum",
        "version": 1,
        "source": "",
        "publication_note": "",
        "aims": [],
        "objectives": [],
        "teaching_strategy": [],
        "sections": [
            {
                "number": 1,
                "title": "Only section",
                "outline_title": None,
                "units": [
                    {
                        "code": "1.1",
                        "title": "Only unit",
                        "outline_title": None,
                        "area": None,
                        "aims": "To compare query counts",
                        "statements": [
                            {"ref": "1.1.1", "text": "Ability one", "group": None, "points": []},
                            {
                                "ref": "1.1.2",
                                "text": "Ability two",
                                "group": "A heading",
                                "points": [{"text": "a point", "points": []}],
                            },
                        ],
                    }
                ],
            }
        ],
    }
