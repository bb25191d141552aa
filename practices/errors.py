"""The one error the library's services raise for refused input: a translated message and the HTTP
status a view answers with (400 bad input, 403 not yours to do, 404 not there, 409 not in this state)."""


class PracticeError(Exception):
    def __init__(self, message, *, status: int = 400):
        super().__init__(str(message))
        self.message = str(message)
        self.status = status
