import structlog
from django.http import HttpResponse
from django.template import loader

from doelbinding.processinglog.gate import LogUnavailable

log = structlog.get_logger(__name__)


class FailClosedMiddleware:
    """No log entry, no data: a request whose log entry could not be written gets a 503 and nothing else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, LogUnavailable):
            return None
        log.error("processing_log_unavailable", path=request.path, error=repr(exception.__cause__))
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "60"
        return response
