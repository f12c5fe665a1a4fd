from django.conf import settings

from doelbinding.core.navigation import entries_for
from doelbinding.core.themes import DEFAULT_THEME


def shell(request):
    """What the base layout needs on every page: who acts for which municipality, the menu, the theme."""
    acting = getattr(request, "acting", None)
    user = getattr(request, "user", None)
    if acting is None or user is None or not user.is_authenticated:
        return {"theme": DEFAULT_THEME, "navigation": [], "demo_mode": settings.DEMO_MODE}
    controller = acting.controller
    return {
        "acting": acting,
        "navigation": entries_for(acting),
        "theme": (controller.theme if controller and controller.theme else DEFAULT_THEME),
        "demo_mode": settings.DEMO_MODE,
    }
