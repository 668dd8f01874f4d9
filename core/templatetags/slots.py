from django import template

from core import slots

register = template.Library()


@register.simple_tag(takes_context=True)
def slot(context, name: str, *args):
    """What the apps above filled this place with (core/slots.py); nothing if none did."""
    return slots.render(name, context, *args)
