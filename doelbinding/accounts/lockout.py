def username_from_attempt(request, credentials: dict | None) -> str | None:
    """django-axes asks this which user name an attempt was for; the login wizard prefixes its fields."""
    if credentials and credentials.get("username"):
        return credentials["username"]
    data = request.POST if request is not None else {}
    return data.get("auth-username") or data.get("username")
