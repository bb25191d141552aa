"""The one error the plan's services raise for refused input: a translated message and the HTTP
status a view answers with (400 bad input, 403 not yours to do, 409 not in this state)."""


class PlanError(Exception):
    def __init__(self, message: str, *, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status
