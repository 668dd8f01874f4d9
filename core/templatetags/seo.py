from django import template

from core import seo

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_uri(context, path: str = "") -> str:
    """`path` (default: this page's) as an absolute URL."""
    request = context.get("request")
    if request is None:
        return path
    return request.build_absolute_uri(path or request.path)


@register.simple_tag(takes_context=True)
def structured_data(context, meta):
    """The page's JSON-LD blocks (its own data and its BreadcrumbList), one a line."""
    request = context.get("request")
    if request is None:
        return ""
    return seo.structured_html(request, meta)


@register.filter
def json_ld(data):
    return seo.json_ld_script(data)
