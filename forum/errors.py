"""The one error the forum's services raise for refused input: a translated message and the HTTP
status a view answers with (400 bad input, 403 not yours to do, 404 not there, 409 not in this state)."""


class ForumError(Exception):
    def __init__(self, message: str, *, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status
