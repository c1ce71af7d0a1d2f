from django import template

from alur.documents.kinds import title_of
from alur.documents.mapping import document_for

register = template.Library()


@register.inclusion_tag("documents/_task_generate.html", takes_context=True)
def susun_dari_data(context, task):
    """The 'Susun dari data' button on a task whose step produces a SAKIP document."""
    kind = document_for(task.run.revision, task.step_no)
    return {"task": task, "kind": kind, "label": title_of(kind), "csrf_token": context.get("csrf_token")}
