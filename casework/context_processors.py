from casework.access import signed_in_as_for


def acting_role(request):
    """Tell every page who is signed in and in what role (computed once per request)."""
    if getattr(request, "user", None) is None:
        return {}
    return {"signed_in_as": signed_in_as_for(request)}
