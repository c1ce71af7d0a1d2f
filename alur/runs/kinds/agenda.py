"""Agenda: outgoing-letter number, copies and distribution."""

from alur.core.sop.model import Act

from .dispatch_step import DispatchStep


class Agenda(DispatchStep):
    value = Act.AGENDA
