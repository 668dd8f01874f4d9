from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, url: str) -> str:
    """`url` made absolute for other sites (Open Graph), unless it already is (object storage)."""
    return context["request"].build_absolute_uri(url)
