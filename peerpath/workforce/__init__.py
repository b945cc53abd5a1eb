"""Posts and vacancies for peer workers, applications to them, and employment records."""
