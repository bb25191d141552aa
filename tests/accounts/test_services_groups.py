"""State groups carry what authoring needs: admin access, H5P content, images and documents."""

import pytest
from django.contrib.auth.models import Permission
from wagtail.models import Collection, GroupCollectionPermission

from accounts.services import state_groups_ensure
from tests.accounts import factories as f

pytestmark = pytest.mark.django_db


def test_editors_and_coordinators_can_author_h5p_images_and_documents():
    groups = state_groups_ensure(state=f.state("MX"))
    root = Collection.get_first_root_node()
    for kind in ("editors", "coordinators"):
        codenames = set(groups[kind].permissions.values_list("codename", flat=True))
        assert {"access_admin", "add_h5pcontent", "change_h5pcontent", "view_h5pcontent"} <= codenames
        collection_codenames = set(
            GroupCollectionPermission.objects.filter(group=groups[kind], collection=root).values_list(
                "permission__codename", flat=True
            )
        )
        assert collection_codenames == {"add_image", "choose_image", "add_document", "choose_document"}
    assert not groups["officials"].permissions.exists()
    # Running it again adds nothing twice.
    before = GroupCollectionPermission.objects.count()
    state_groups_ensure(state=f.state("MX"))
    assert GroupCollectionPermission.objects.count() == before
    assert Permission.objects.filter(group=groups["editors"], codename="delete_h5pcontent").count() == 0
