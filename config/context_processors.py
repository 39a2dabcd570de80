from django.conf import settings


def site(request):
    return {
        "MUNICIPALITY_NAME": settings.MUNICIPALITY_NAME,
        "MUNICIPALITY_PHONE": settings.MUNICIPALITY_PHONE,
        "FIRST_CONTACT_WORKING_DAYS": settings.FIRST_CONTACT_WORKING_DAYS,
    }
