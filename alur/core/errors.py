"""The one error type the pure core raises for bad input; messages are in Bahasa Indonesia."""


class ValidationError(ValueError):
    def __init__(self, message: str, code: str = "invalid", field: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field
