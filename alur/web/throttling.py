"""Log-in throttling with two limits: per username at an address, and per address across usernames.

django-axes compares one number (the largest failure count over AXES_LOCKOUT_PARAMETERS) with one
limit. Alur needs a second, larger limit for the address alone, because a whole office may reach
Alur from one address. This handler scales the address's count onto the username limit, so the
comparison axes makes is exactly "username+address ≥ AXES_FAILURE_LIMIT or address ≥
AXES_IP_FAILURE_LIMIT".
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.db.models import Sum

IP_ONLY = "ip_address"


class AlurAxesHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        limit = get_failure_limit(request, credentials)
        counts = []
        attempts_list = self.get_user_attempts(request, credentials)
        for parameter, attempts in zip(settings.AXES_LOCKOUT_PARAMETERS, attempts_list, strict=True):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            if parameter == IP_ONLY:
                # floor(n × limit / ip_limit) reaches `limit` exactly when n reaches ip_limit
                failures = failures * limit // settings.AXES_IP_FAILURE_LIMIT
            counts.append(failures)
        return max(counts, default=0)

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful log-in clears that username's failures only, never the whole address's:
        otherwise one valid account would reset the per-address limit for an attacker."""
        count = 0
        attempts_list = self.filter_user_attempts(request, credentials)
        for parameter, attempts in zip(settings.AXES_LOCKOUT_PARAMETERS, attempts_list, strict=True):
            if parameter != IP_ONLY:
                count += attempts.delete()[0]
        return count
