from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, routers, serializers

from doelbinding.api.viewsets import ControllerScopedViewSet
from doelbinding.policy import ApiScope
from doelbinding.tenancy import selectors
from doelbinding.tenancy.models import Organisation


class OrganisationSerializer(serializers.ModelSerializer):
    soort = serializers.CharField(source="kind", help_text="municipality, executing of partner")
    naam = serializers.CharField(source="name")

    class Meta:
        model = Organisation
        fields = ["uuid", "soort", "naam"]


@extend_schema_view(
    list=extend_schema(summary="Organisaties waarmee de gemeente werkt", tags=["organisaties"]),
    retrieve=extend_schema(summary="Eén organisatie", tags=["organisaties"]),
)
class OrganisationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ControllerScopedViewSet):
    serializer_class = OrganisationSerializer
    queryset_model = Organisation
    lookup_field = "uuid"
    required_scopes = {"list": ApiScope.READ_ORGANISATIONS, "retrieve": ApiScope.READ_ORGANISATIONS}

    def scoped_queryset(self, controller):
        return selectors.organisations_visible(controller).order_by("name")


router = routers.SimpleRouter(trailing_slash=True)
router.register("organisaties", OrganisationViewSet, basename="organisatie")
