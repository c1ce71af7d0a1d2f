"""What the home page shows each user: one panel per area that has something for them."""

from alur.runs.selectors import home_panel as runs_panel
from alur.sop.selectors import home_panel as sop_panel


def home_panels(user) -> list[dict]:
    return [panel for panel in (runs_panel(user), sop_panel(user)) if panel]
