"""The demo loads through the services, twice without change: nine national approaches with their
discussions in several languages."""

import io

import pytest


@pytest.mark.django_db
def test_demo_loads_national_approaches_of_nine_states():
    from accounts import demo as accounts_demo
    from forum import demo
    from forum.models import NationalApproach, Post
    from plan import demo as plan_demo

    out = io.StringIO()
    accounts_demo.load(stdout=out)
    plan_demo.load(stdout=out)
    demo.load(stdout=out)
    assert NationalApproach.objects.count() == 9
    assert set(Post.objects.values_list("language", flat=True)) == {"en", "es", "pt", "fr"}
    posts = Post.objects.count()
    demo.load(stdout=out)
    assert Post.objects.count() == posts
