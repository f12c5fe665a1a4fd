from django.db import connection
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from doelbinding import policy
from doelbinding.core.authz import public, requires
from doelbinding.core.navigation import ROLE_INTRODUCTIONS, entries_for
from doelbinding.core.themes import theme_css


def home(request):
    """The landing page: what this role is for, and the tiles the role may use."""
    acting = request.acting
    roles = [policy.Role(code) for code in sorted(acting.roles)]
    return render(
        request,
        "core/home.html",
        {
            "roles": roles,
            "introductions": [ROLE_INTRODUCTIONS[role] for role in roles],
            "tiles": entries_for(acting),
        },
    )


@requires(policy.Cap.VIEW_POLICY)
def policy_table(request):
    return render(
        request,
        "core/policy.html",
        {"roles": list(policy.Role), "rows": policy.as_rows(), "scopes": list(policy.ApiScope)},
    )


@public
@require_GET
@cache_control(max_age=3600, public=True)
def theme_stylesheet(request, name):
    css = theme_css(name)
    if css is None:
        raise Http404
    return HttpResponse(css, content_type="text/css; charset=utf-8")


@public
@require_GET
def health(request):
    """For load balancers and monitoring: 200 when the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
