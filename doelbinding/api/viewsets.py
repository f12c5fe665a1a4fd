from rest_framework import viewsets


class ControllerScopedViewSet(viewsets.GenericViewSet):
    """Base for API views: the queryset comes from the app's selector for the client's municipality.

    Subclasses implement `scoped_queryset(controller)`; `required_scopes` maps each action to an ApiScope.
    """

    required_scopes: dict = {}
    queryset_model: type  # what scoped_queryset returns; the schema generator needs it without a client

    def scoped_queryset(self, controller):
        raise NotImplementedError

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation has no client
            return self.queryset_model.objects.none()
        return self.scoped_queryset(self.request.acting.controller)
