"""Snippets that a member state owns (H5P content, SCORM packages, lesson videos): the one admin
mechanism that keeps each state's objects to its own editors.

An app describes what a user keeps with a filter (``kept``: list, open, change, delete) and what a
user may place in a lesson (``usable``, the same filter unless the object carries its own audience
tier), and gets:

- ``OwnedSnippets.viewset()``: a SnippetViewSet base whose listing holds only the kept objects, whose
  edit, delete, usage, history and inspect views make another state's object a 404 as if it did not
  exist, and whose chooser neither lists nor accepts it;
- ``OwnedSnippets.bulk_delete``: the listing's bulk delete, leaving another state's ids out unnamed;
- ``OwnedStateForm``: the upload form's owning-state field limited to the states the editor authors;
- ``refused_in_body``: the objects of a lesson body an editor may not place, for the lesson form's
  check on save (a hand-made POST can name any id).
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
from django.http import Http404
from wagtail import hooks
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views import chooser, snippets
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts import access as accounts_access

Filter = Callable[[object], Q]


class OwnedSnippets:
    def __init__(self, model, *, kept: Filter, usable: Filter | None = None):
        self.model = model
        self.kept = kept
        self.usable = usable or kept

    def keeps(self, user, found) -> bool:
        return self.model._default_manager.filter(self.kept(user), pk=found.pk).exists()

    def may_use(self, user, found) -> bool:
        return self.model._default_manager.filter(self.usable(user), pk=found.pk).exists()

    def kept_mixin(self) -> type:
        """A mixin for an object view that finds only objects the signed-in user keeps."""
        owned = self

        class Kept:
            def get_object(self, *args, **kwargs):
                found = super().get_object(*args, **kwargs)
                if not owned.keeps(self.request.user, found):
                    raise Http404
                return found

        return Kept

    def views(self) -> dict:
        """Class attributes for the app's SnippetViewSet."""
        owned = self
        kept = self.kept_mixin()

        class Usable:
            def get_object_list(self):
                return super().get_object_list().filter(owned.usable(self.request.user))

        class ChooseView(Usable, chooser.ChooseView):
            pass

        class ChooseResultsView(Usable, chooser.ChooseResultsView):
            pass

        class ChosenView(chooser.SnippetChosenView):
            def get_object(self, pk):
                found = super().get_object(pk)
                if not owned.may_use(self.request.user, found):
                    raise ObjectDoesNotExist
                return found

        class ChosenMultipleView(chooser.SnippetChosenMultipleView):
            def get_objects(self, pks):
                return super().get_objects(pks).filter(owned.usable(self.request.user))

        class ChooserViewSet(chooser.SnippetChooserViewSet):
            choose_view_class = ChooseView
            choose_results_view_class = ChooseResultsView
            chosen_view_class = ChosenView
            chosen_multiple_view_class = ChosenMultipleView

        return {
            "edit_view_class": type("EditView", (kept, snippets.EditView), {}),
            "delete_view_class": type("DeleteView", (kept, snippets.DeleteView), {}),
            "usage_view_class": type("UsageView", (kept, snippets.UsageView), {}),
            "history_view_class": type("HistoryView", (kept, snippets.HistoryView), {}),
            "inspect_view_class": type("InspectView", (kept, snippets.InspectView), {}),
            "chooser_viewset_class": ChooserViewSet,
        }

    def viewset(self) -> type[SnippetViewSet]:
        owned = self

        def get_queryset(viewset, request):
            return owned.model._default_manager.filter(owned.kept(request.user))

        return type("OwnedSnippetViewSet", (SnippetViewSet,), {**self.views(), "get_queryset": get_queryset})

    def register_bulk_delete(self) -> type:
        """Registers the listing's bulk delete for objects the user keeps only, after
        wagtail.snippets' own registration (order 0) so that it is this model's delete action."""
        owned = self

        class OwnedDeleteBulkAction(DeleteBulkAction):
            models = [owned.model]

            def get_actionable_objects(self):
                objects, extra = super().get_actionable_objects()
                user = self.request.user
                kept = [found for found in objects if owned.keeps(user, found)]
                extra["items_with_no_access"] = [
                    found for found in extra.get("items_with_no_access", []) if owned.keeps(user, found)
                ]
                return kept, extra

        hooks.register("register_bulk_action", OwnedDeleteBulkAction, order=10)
        return OwnedDeleteBulkAction


class OwnedStateForm:
    """A Wagtail admin form mixin: an editor files the object under one of their own states (chosen
    for them when they have one); the secretariat under any, or none."""

    owning_state_field = "state"

    def owning_state_limit(self, *, help_text=None) -> None:
        from accounts import api as accounts_api

        field = self.fields.get(self.owning_state_field)
        user = getattr(self, "for_user", None)
        if field is None or user is None:
            return
        states = accounts_access.authoring_state_ids(user)
        if states is None:
            return
        field.queryset = accounts_api.MemberState.objects.filter(pk__in=sorted(states))
        field.required = True
        field.empty_label = None
        if help_text is not None:
            field.help_text = help_text
        if len(states) == 1 and not getattr(self.instance, f"{self.owning_state_field}_id", None):
            field.initial = next(iter(states))


def refused_in_body(body, *, block_type: str, key: str, usable_ids: Callable[[list[int]], set[int]]) -> list:
    """The objects that the ``block_type`` blocks of a StreamField body hold under ``key`` and that
    ``usable_ids`` (of the ids asked, those the editor may place) leaves out."""
    found = [block.value.get(key) for block in body or [] if block.block_type == block_type]
    found = [item for item in found if item is not None]
    if not found:
        return []
    usable = usable_ids([item.pk for item in found])
    return [item for item in found if item.pk not in usable]
