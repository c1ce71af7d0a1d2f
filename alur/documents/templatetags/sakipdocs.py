from django import template

from alur.documents.builders import KINDS
from alur.documents.mapping import document_for

register = template.Library()


@register.inclusion_tag("documents/_task_generate.html", takes_context=True)
def susun_dari_data(context, task):
    """The 'Susun dari data' button on a task whose step produces a SAKIP document."""
    kind = document_for(task.run.revision.nama, task.step_no)
    return {"task": task, "kind": kind, "label": KINDS.get(kind, ""), "csrf_token": context.get("csrf_token")}
