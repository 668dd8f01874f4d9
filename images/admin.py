from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, JsonResponse
from django.urls import path
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from core import embeds

from . import permissions
from .forms import ImageForm
from .models import Image
from .services import embed_details, image_set_default_share, image_set_focus, image_store

PICKER_LIMIT = 60


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = ["thumbnail", "alt", "caption", "credit", "dimensions", "is_default_share", "created_at"]
    list_display_links = ["thumbnail", "alt"]
    list_filter = ["is_default_share"]
    search_fields = ["alt", "caption", "credit"]
    date_hierarchy = "created_at"
    readonly_fields = ["preview", "dimensions"]
    fieldsets = [
        (None, {"fields": ["preview", "upload", "dimensions", "alt", "caption", "credit", "default_share"]}),
        (
            "Crops",
            {
                "fields": [("focus_x", "focus_y"), "card_crop", "share_crop"],
                "description": "Cards and the picture other sites show when a page is shared are cropped "
                "around the focal point. Click the picture above to move it.",
            },
        ),
    ]

    class Media:
        css = {"all": ["images/admin.css"]}
        js = ["images/focal-point.js"]

    def get_urls(self):
        view = self.admin_site.admin_view  # login, staff and CSRF checks
        return [
            path("picker/", view(self.picker_view), name="images_image_picker"),
            path("upload/", view(require_POST(self.upload_view)), name="images_image_upload"),
            path("embed/", view(require_POST(self.embed_view)), name="images_image_embed"),
            *super().get_urls(),
        ]

    @staticmethod
    def _picked(image: Image) -> dict:
        """What the body editor needs of a library picture to show it and to mark it in the body."""
        thumbnail = image.rendition(200)
        return {
            "id": image.pk,
            "alt": image.alt,
            "caption": image.caption,
            "credit": image.credit,
            "src": image.src,
            "thumbnail": thumbnail.url if thumbnail else "",
        }

    def upload_view(self, request: HttpRequest) -> JsonResponse:
        """A picture dropped or pasted into the body editor: into the library through the library's own
        form (the same size, type and content checks, alt text required), answered as the picker's JSON."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImageForm(request.POST, request.FILES, instance=Image())
        if not form.is_valid():
            errors = {
                field: [error["message"] for error in found] for field, found in form.errors.get_json_data().items()
            }
            return JsonResponse({"errors": errors}, status=400)
        image = form.save(commit=False)
        image.uploaded_by = request.user
        image = image_store(image=image, picture=form.picture)
        return JsonResponse(self._picked(image), status=201)

    def embed_view(self, request: HttpRequest) -> JsonResponse:
        """An address pasted into the body editor: which embed it makes, with the video's title and its
        poster, fetched once into the library (images.services.embed_details)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        embed = embeds.parse(request.POST.get("url", ""))
        if embed is None:
            providers = ", ".join(provider.label for provider in embeds.enabled())
            message = f"This address cannot be embedded. Paste the https address of a page ({providers})."
            return JsonResponse({"errors": {"url": [message]}}, status=400)
        title, poster = embed_details(embed=embed) if self.has_add_permission(request) else ("", None)
        return JsonResponse(
            {
                "url": embed.url,
                "provider": embed.provider.name,
                "label": embed.provider.label,
                "player": embed.player,
                "host": embed.host,
                "title": title,
                "poster": self._picked(poster) if poster else None,
            }
        )

    def picker_view(self, request: HttpRequest) -> JsonResponse:
        """The library as JSON for the body editor's image picker, newest first, searchable with ?q=."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        images = Image.objects.all()
        query = request.GET.get("q", "").strip()
        if query:
            images = images.filter(Q(alt__icontains=query) | Q(caption__icontains=query) | Q(credit__icontains=query))
        return JsonResponse({"results": [self._picked(image) for image in images[:PICKER_LIMIT]]})

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return permissions.can_change(request.user, obj)

    def _withheld(self, request, obj=None) -> list[str]:
        """The form fields this user may not use: the upload of a picture they may not replace, the
        default share picture unless they may choose it."""
        withheld = []
        if obj is not None and not permissions.can_replace(request.user, obj):
            withheld.append("upload")
        if not permissions.can_choose_default_share(request.user):
            withheld.append("default_share")
        return withheld

    def get_fieldsets(self, request, obj=None):
        # Shown read-only to those who may not replace the picture, the upload field read “None”. The
        # crops are theirs to set who may replace the picture: every page that shows it changes.
        fieldsets = self.fieldsets
        if obj is not None and not permissions.can_replace(request.user, obj):
            fieldsets = fieldsets[:1]
        withheld = self._withheld(request, obj)
        return [
            (name, {**options, "fields": [field for field in options["fields"] if field not in withheld]})
            for name, options in fieldsets
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None and not permissions.can_replace(request.user, obj):
            exclude = [*self.get_readonly_fields(request, obj), "focus_x", "focus_y", "card_crop", "share_crop"]
            kwargs["exclude"] = exclude
        return super().get_form(request, obj, change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        # Read-only, a withheld field leaves the form: a file or a tick posted anyway is not read.
        return [*self.readonly_fields, *self._withheld(request, obj)]

    def save_model(self, request, obj: Image, form: ImageForm, change: bool) -> None:
        if not change:
            obj.uploaded_by = request.user
        if form.picture is not None:
            obj.crops = {use: list(box) for use, box in form.crops.items() if box}
            image_store(image=obj, picture=form.picture)
        elif form.crop_changed:
            image_set_focus(image=obj, focus=obj.focus, crops=form.crops)
        else:
            obj.save()
        chosen = form.cleaned_data.get("default_share")
        if chosen is not None and chosen != obj.is_default_share:
            image_set_default_share(image=obj, chosen=chosen)

    @admin.display(description="Picture")
    def thumbnail(self, image: Image) -> str:
        rendition = image.rendition(200)
        if rendition is None:
            return "—"
        # The link to the picture's page (the row's first cell) is named by what the picture shows.
        return format_html(
            '<img class="library-thumbnail" src="{}" width="{}" height="{}" alt="{}">',
            rendition.url,
            rendition.width,
            rendition.height,
            image.alt,
        )

    @admin.display(description="Now")
    def preview(self, image: Image) -> str:
        if not image.pk:
            return "—"
        # static/images/focal-point.js makes this the place to click for the focal point.
        return format_html(
            '<span class="focal-point" data-focal-point>'
            '<img class="library-preview" src="{}" srcset="{}" sizes="24rem" width="{}" height="{}" alt="{}">'
            "</span>",
            image.src,
            image.srcset,
            image.width,
            image.height,
            image.alt,
        )

    @admin.display(description="Size")
    def dimensions(self, image: Image) -> str:
        return f"{image.width} × {image.height} px" if image.pk else "—"
