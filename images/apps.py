import warnings

from django.apps import AppConfig
from django.conf import settings


class ImagesConfig(AppConfig):
    name = "images"
    verbose_name = "media library"

    def ready(self) -> None:
        from PIL import Image as PILImage

        # Pillow's own guard warns at its cap and only fails at twice that; a picture larger than
        # the cap is refused outright here, wherever an image is opened.
        PILImage.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
