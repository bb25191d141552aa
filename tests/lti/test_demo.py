"""The LTI demo registers one platform with its deployment, publishes a key, and loads twice
without change."""

import io

from lti import demo
from lti.models import Deployment, Platform, ToolKey


def test_the_demo_registers_a_platform_with_a_deployment_once(client, db):
    demo.load(stdout=io.StringIO())
    demo.load(stdout=io.StringIO())
    platform = Platform.objects.get()
    assert platform.active and platform.issuer.endswith(".example")
    assert list(Deployment.objects.filter(platform=platform).values_list("deployment_id", flat=True)) == ["1"]
    assert ToolKey.objects.filter(retired_at__isnull=True).count() == 1
    keys = client.get("/lti/jwks/").json()["keys"]
    assert [key["kid"] for key in keys] == [ToolKey.objects.get().kid]
