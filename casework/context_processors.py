from casework.access import signed_in_as


def acting_role(request):
    """Tell every page who is signed in and in what role (computed once per request)."""
    user = getattr(request, "user", None)
    if user is None:
        return {}
    if not hasattr(request, "_signed_in_as"):
        request._signed_in_as = signed_in_as(user)
    return {"signed_in_as": request._signed_in_as}
