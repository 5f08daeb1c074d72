from django.urls import path

from casework.handover import views

urlpatterns = [
    # The supervisor's and the organisation administrator's pages: no record content.
    path("handovers/", views.handover_list, name="handover_list"),
    path("handovers/new/", views.handover_new, name="handover_new"),
    # On the record: the summary, the outgoing worker's note, the new worker's "read".
    path("people/<int:person_id>/handover/", views.handover_detail, name="handover_detail"),
    path("people/<int:person_id>/handover/note/", views.handover_note, name="handover_note"),
    path("people/<int:person_id>/handover/read/", views.handover_read, name="handover_read"),
    # The person's own page.
    path("me/handover/", views.my_handover, name="me_handover"),
]
