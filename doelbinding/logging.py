"""structlog for named events; Django's own loggers go through the same renderer."""

import logging

import structlog

SHARED_PROCESSORS: list[structlog.typing.Processor] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]


class QuietClientErrors(logging.Filter):
    """A refused or unknown request (4xx) is one line in the log: its traceback tells an operator nothing and only
    buries the server errors (5xx), which keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == "django.request" and getattr(record, "status_code", 500) < 500:
            record.exc_info, record.exc_text = None, None
        return True


def configure_logging(*, json: bool, level: str) -> dict:
    structlog.configure(
        processors=[
            *SHARED_PROCESSORS,
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    renderer = structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer(colors=False)
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "structlog": {
                "()": structlog.stdlib.ProcessorFormatter,
                "processor": renderer,
                "foreign_pre_chain": SHARED_PROCESSORS,
            }
        },
        "filters": {"quiet_client_errors": {"()": QuietClientErrors}},
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "structlog", "filters": ["quiet_client_errors"]}
        },
        "root": {"handlers": ["console"], "level": level.upper()},
        "loggers": {
            # Only through the root's handler: Django's own console handler (with DEBUG on) printed everything twice.
            "django": {"handlers": []},
            "django.db.backends": {"level": "WARNING"},
            "axes": {"level": "WARNING"},
        },
    }
