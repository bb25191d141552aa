"""allauth's login stages, as accounts' MFA rule has them (``AccountAdapter.get_login_stages``)."""

from allauth.mfa.stages import AuthenticateStage as AllauthAuthenticateStage

from . import access


class AuthenticateStage(AllauthAuthenticateStage):
    """The code or security key at sign-in, unless the agency's identity provider asserted MFA for
    this sign-in and the agency trusts it (the record is made before the stages run, decision 0120)."""

    def _should_handle(self, request) -> bool:
        if self.login.user is not None and access.session_mfa_by_identity_provider(request, self.login.user):
            return False
        return super()._should_handle(request)
