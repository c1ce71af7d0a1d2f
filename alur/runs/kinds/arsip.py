"""Arsip: distribute and archive (takes the outgoing number if no agenda step did)."""

from alur.core.sop.model import Act

from .dispatch_step import DispatchStep


class Arsip(DispatchStep):
    value = Act.ARSIP
