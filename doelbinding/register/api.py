from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, routers, serializers
from rest_framework.generics import get_object_or_404

from doelbinding.api.viewsets import ControllerScopedViewSet
from doelbinding.policy import ApiScope
from doelbinding.register import selectors
from doelbinding.register.columns import COLUMNS, rows
from doelbinding.register.models import ActivityVersion, Status


class _ActivitySerializerBase(serializers.Serializer):
    """The version in force of one activity, with every column of the register."""

    uuid = serializers.UUIDField(help_text="Vaste id van de verwerkingsactiviteit")

    def to_representation(self, instance: ActivityVersion):
        row = next(rows([instance], self.context["fg_contact"]))
        return {"uuid": str(instance.activity.uuid), **row}


ActivitySerializer = type(
    "ActivitySerializer",
    (_ActivitySerializerBase,),
    {column.key: serializers.CharField(help_text=str(column.header)) for column in COLUMNS},
)


@extend_schema_view(
    list=extend_schema(summary="Vastgestelde verwerkingsactiviteiten van de gemeente", tags=["register"]),
    retrieve=extend_schema(summary="Eén verwerkingsactiviteit (de geldende versie)", tags=["register"]),
)
class ActivityViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ControllerScopedViewSet):
    serializer_class = ActivitySerializer
    queryset_model = ActivityVersion
    lookup_field = "uuid"
    lookup_value_regex = "[0-9a-f-]{36}"
    required_scopes = {"list": ApiScope.READ_REGISTER, "retrieve": ApiScope.READ_REGISTER}

    def scoped_queryset(self, controller):
        return selectors.versions_for(controller).filter(status=Status.ESTABLISHED).order_by("activity__number")

    def get_object(self):
        return get_object_or_404(self.get_queryset(), activity__uuid=self.kwargs["uuid"])

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["fg_contact"] = selectors.fg_contact(self.request.acting.controller)
        return context


router = routers.SimpleRouter(trailing_slash=True)
router.register("verwerkingsactiviteiten", ActivityViewSet, basename="verwerkingsactiviteit")
