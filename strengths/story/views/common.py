"""What every form view in the person's story shares: one flow, plain POST or htmx."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django_htmx.http import reswap, retarget

from casework import access
from casework.common.concurrency import EditConflict, conflict_response
from casework.common.errors import ActionRefused, show_refusal
from casework.common.htmx import is_htmx
from strengths.story.overview import PAGE_OF_KIND

FORM_TEMPLATE = "strengths/form_page.html"


def overview_url(person, section: str = "", *, kind_key: str = "") -> str:
    """The record page that shows a story section, at that section.

    ``section`` is a story kind's key, or "archived" with ``kind_key`` saying
    whose archived list (each page lists the archived items of its own kinds).
    """
    page = PAGE_OF_KIND.get(kind_key or section)
    if page is None:
        return reverse("person_detail", args=[person.pk])
    url = reverse(page.url_name, args=[person.pk])
    return f"{url}#{section}-section" if section else url


def can_change(user, person) -> bool:
    return access.may(user, person, access.Can.EDIT_STORY)


def overview_section(request, person, section: str):
    """One section of its record page (Goals, Strengths & circle), re-rendered after an htmx change."""
    page = PAGE_OF_KIND[section]
    can_change = access.may(request.user, person, access.Can.EDIT_STORY)
    context = {"person": person, "can_change": can_change, **page.context(person)}
    return render(request, f"{page.template}#{section}", context)


def story_form(
    request,
    person,
    form,
    *,
    section,
    title,
    done,
    save,
    success_url,
    render_section,
    offer_again=None,
    history_url="",
):
    """Show ``form``; on a valid POST call ``save(cleaned_data)`` and move on.

    If the action refuses (``ActionRefused``), the form comes back with its reason.
    If someone saved the item since the form was opened (``EditConflict``), the
    conflict page answers instead: ``offer_again(current, initial)`` builds the
    form offered at the new version.

    Without JavaScript this is POST-redirect-GET. With htmx the form arrives as
    a fragment, a valid POST answers with the refreshed section, and an invalid
    one swaps the form (with its errors) back in place.
    """
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except EditConflict as conflict:
            return story_conflict(
                request, person, form, conflict, section, offer_again, success_url, history_url
            )
        except ActionRefused as error:
            show_refusal(form, error)
        else:
            if is_htmx(request):
                return render_section()
            messages.success(request, done)
            return redirect(success_url)
    context = {
        "person": person,
        "form": form,
        "title": title,
        "section": section,
        "action_url": request.path,
        "cancel_url": success_url,
    }
    if not is_htmx(request):
        return render(request, FORM_TEMPLATE, context)
    response = render(request, f"{FORM_TEMPLATE}#form", context)
    if request.method == "POST":
        response = reswap(retarget(response, f"#story-form-{section}"), "outerHTML")
    return response


def story_conflict(request, person, form, conflict, section, offer_again, cancel_url, history_url):
    """The 409 "two changes at once" screen for a story item; with htmx, in the form's place."""
    current = conflict.current()
    htmx = is_htmx(request)
    response = conflict_response(
        request,
        form,
        current,
        offer=lambda initial: offer_again(current, initial),
        what=f"“{current}”",
        saved_by=current.updated_by,
        saved_at=current.updated_at,
        action_url=request.path,
        cancel_url=cancel_url,
        htmx=htmx,
        person=person,
        conflict_id=f"story-form-{section}",
        hx_target=f"#{section}-section" if htmx else "",
        history_url=history_url,
    )
    if htmx:
        response = reswap(retarget(response, f"#story-form-{section}"), "outerHTML")
    return response


def change_and_return(request, action, obj, message: str, url: str):
    """Run a one-click change (archive, restore) and go back where it is seen."""
    action(request.user, obj)
    messages.success(request, message)
    return redirect(url)
