from rest_framework import generics, permissions, serializers

from ..selectors import theme_list


class ThemeSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField(source="__str__")


class ThemeListView(generics.ListAPIView):
    """The themes an idea can be about (contract slugs)."""

    permission_classes = [permissions.AllowAny]
    serializer_class = ThemeSerializer
    pagination_class = None

    def get_queryset(self):
        return theme_list()
