from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessingLogConfig(AppConfig):
    name = "doelbinding.processinglog"
    label = "processinglog"
    verbose_name = _("Logboek van verwerkingen")
