from rest_framework.routers import SimpleRouter

from .views import CaseViewSet

app_name = "brokers-api"

router = SimpleRouter()
router.register("", CaseViewSet, basename="case")

urlpatterns = router.urls
