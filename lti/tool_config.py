"""pylti1p3's view of the registered platforms: its tool configuration reads ``Platform`` rows and
signs with the tool's current key."""

from __future__ import annotations

from pylti1p3.deployment import Deployment as LtiDeployment
from pylti1p3.registration import Registration
from pylti1p3.tool_config.abstract import ToolConfAbstract

from . import keys
from .models import Platform


def registration_for(platform: Platform) -> Registration:
    key = keys.current_key()
    return (
        Registration()
        .set_issuer(platform.issuer)
        .set_client_id(platform.client_id)
        .set_auth_login_url(platform.auth_login_url)
        .set_auth_token_url(platform.auth_token_url)
        .set_auth_audience(platform.auth_audience or None)
        .set_key_set_url(platform.key_set_url)
        .set_key_set(None)
        .set_tool_private_key(key.private_pem)
        .set_tool_public_key(key.public_pem)
    )


class ToolConf(ToolConfAbstract):
    """Each issuer may have many client ids; only active platforms are found."""

    def __init__(self):
        super().__init__()
        self.platform: Platform | None = None

    def check_iss_has_one_client(self, iss):
        return False

    def check_iss_has_many_clients(self, iss):
        return True

    def _platform(self, iss, client_id) -> Platform | None:
        if not iss or not client_id:
            return None
        if self.platform is None or (self.platform.issuer, self.platform.client_id) != (iss, client_id):
            self.platform = Platform.objects.filter(issuer=iss, client_id=client_id, active=True).first()
        return self.platform

    def find_registration_by_issuer(self, iss, *args, **kwargs):
        return None

    def find_registration_by_params(self, iss, client_id, *args, **kwargs):
        platform = self._platform(iss, client_id)
        return None if platform is None else registration_for(platform)

    def find_deployment(self, iss, deployment_id):
        return None

    def find_deployment_by_params(self, iss, deployment_id, client_id, *args, **kwargs):
        platform = self._platform(iss, client_id)
        if platform is None or not platform.deployments.filter(deployment_id=deployment_id).exists():
            return None
        return LtiDeployment().set_deployment_id(deployment_id)

    def get_jwks(self, iss=None, client_id=None, **kwargs):
        return keys.jwks()
