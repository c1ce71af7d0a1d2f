"""The Permissions-Policy header: Alur uses no camera, microphone, location or other powerful
browser feature, so every page switches them off (an injected script or a framed page could
otherwise ask the user for them in Alur's name)."""

from django.conf import settings

# The features a browser could grant a page; "()" allows them to no origin.
DISABLED_FEATURES = (
    "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen", "geolocation",
    "gyroscope", "magnetometer", "microphone", "midi", "payment", "picture-in-picture", "publickey-credentials-get",
    "screen-wake-lock", "serial", "usb", "xr-spatial-tracking", "interest-cohort",
)


def header_value(features=DISABLED_FEATURES) -> str:
    return ", ".join(f"{feature}=()" for feature in features)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.value = header_value(getattr(settings, "PERMISSIONS_POLICY_DISABLED", DISABLED_FEATURES))

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.value)
        return response
