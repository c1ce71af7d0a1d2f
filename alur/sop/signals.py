"""What the SOP library tells the apps above it, so that sop never imports them.

- `revision_created(sender=SopRevision, revision, previous, seeded)`: a revision was stored inside
  the act's transaction. `previous` is the revision it was copied from (a new draft of an existing
  SOP) or None (a new SOP); `seeded` is True for an SOP the seed loader stored (approved on paper).
- `revision_changed(sender=SopRevision, revision, before)`: a draft's content was replaced;
  `before` is its previous `data` (so steps that moved can be followed).
"""

from django.dispatch import Signal

revision_created = Signal()
revision_changed = Signal()
