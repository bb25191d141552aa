"""Curricula in the Wagtail admin: adopt another state's curriculum, import a JSON export."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import access as accounts_access
from accounts.api import member_state_by_id, member_states, member_states_with_ids
from lms.untrusted import parse_id

from . import access, selectors, services
from .exchange import ImportProblem, curriculum_import
from .models import CurriculumPage
from .selectors import LANGUAGE_NAMES
from .views import adoption_message


def _adopter_state_ids(user) -> set[int]:
    viewer = accounts_access.viewer_for(user)
    return set(viewer.editor_states | viewer.coordinator_states)


def adopt_list(request):
    """Published curricula of other states that this user may adopt into a state they edit."""
    state_ids = _adopter_state_ids(request.user)
    if not state_ids:
        raise PermissionDenied
    pages = (
        CurriculumPage.objects.live()
        .filter(accounts_access.visible_q(request.user, state_field="state"))
        .select_related("state", "locale")
        .defer("modules")
        .order_by("state__name_en", "title")
    )
    only = request.GET.get("page")
    if only and only.isdigit():
        pages = pages.filter(pk=int(only))
    states = member_states_with_ids(state_ids)
    pages = list(pages)
    adopted = selectors.adaptations_by_key(keys=[p.translation_key for p in pages], state_ids=state_ids)
    rows = []
    for page in pages:
        targets = [s for s in states if s.pk != page.state_id]
        done = [adopted[(page.translation_key, s.pk)] for s in targets if (page.translation_key, s.pk) in adopted]
        targets = [s for s in targets if (page.translation_key, s.pk) not in adopted]
        if targets or done:
            rows.append(
                {
                    "page": page,
                    "targets": targets,
                    "adaptations": done,
                    "language_name": LANGUAGE_NAMES.get(page.locale.language_code),
                }
            )
    return render(
        request,
        "curricula/admin/adopt_list.html",
        {"rows": rows, "languages": LANGUAGE_NAMES.items(), "title": _("Adopt a curriculum")},
    )


@require_POST
def adopt(request, page_id: int):
    page = access.access_adoption_source(request.user, page_id)
    state = None
    state_id = parse_id(request.POST.get("state", ""))
    if state_id:
        state = member_state_by_id(state_id)
    language = request.POST.get("language") or None
    if language and language not in LANGUAGE_NAMES:
        language = None
    adopted_before = selectors.adaptations_by_state(page=page, state_ids=_adopter_state_ids(request.user))
    try:
        adoption = services.adoption_create(user=request.user, source=page, state=state, language=language)
    except (ValidationError, PermissionDenied) as error:
        text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, text)
        return redirect(reverse("curricula_admin:adopt_list"))
    messages.success(
        request, adoption_message(adoption, page=page, existed=adoption.adopter_state_id in adopted_before)
    )
    return redirect(reverse("wagtailadmin_pages:edit", args=[adoption.adopted_page_id]))


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("JSON export"), required=False)
    text = forms.CharField(
        label=gettext_lazy("or paste the JSON"), widget=forms.Textarea(attrs={"rows": 12}), required=False
    )
    state = forms.ModelChoiceField(
        queryset=member_states(ids=()),
        label=gettext_lazy("Into the curricula of"),
        required=False,
        help_text=gettext_lazy("Empty: the state named in the export."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if accounts_access.is_secretariat(user):
            self.fields["state"].queryset = member_states()
        else:
            self.fields["state"].queryset = member_states(ids=_adopter_state_ids(user))

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload:
            try:
                data["json"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                raise forms.ValidationError(_("The file is not UTF-8 text."))
        else:
            data["json"] = data.get("text") or ""
        if not data["json"].strip():
            raise forms.ValidationError(_("Choose a file or paste an export."))
        return data


def import_view(request):
    if not (_adopter_state_ids(request.user) or accounts_access.is_secretariat(request.user)):
        raise PermissionDenied
    status = 200
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            state = form.cleaned_data.get("state")
            if (
                state is None
                or access.can_edit_in_state(request.user, state.pk)
                or accounts_access.is_secretariat(request.user)
            ):
                try:
                    page = curriculum_import(text=form.cleaned_data["json"], user=request.user, state=state)
                except ImportProblem as problem:
                    form.add_error(None, str(problem))
                except ValidationError as error:
                    form.add_error(None, " ".join(error.messages))
                else:
                    messages.success(request, _("The curriculum was imported as a draft."))
                    return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
            else:
                form.add_error("state", _("Only the editors and coordinators of a member state can import into it."))
        status = 400
    else:
        form = ImportForm(user=request.user)
    return render(
        request, "curricula/admin/import.html", {"form": form, "title": _("Import a curriculum")}, status=status
    )
