"""The admin's fieldset of an inline form, written out in Python: the same markup as Django's
admin/includes/fieldset.html, at a fraction of the cost.

An article with 50 works cited rendered 650 fields through that template, each through several
nested templates (the row, the label, the widget and its attributes): 1.7 s of the change form's
2.0 s on the bench machine, before the browser could paint anything. The works cited's inline
(templates/admin/articles/article/citation_inline.html) uses this instead.
"""

from __future__ import annotations

from html import escape

from django import forms, template
from django.contrib.admin.widgets import AdminDateWidget, AdminURLFieldWidget
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Plain strings and the standard library's escape (what Django's calls, less its lazy-text checks)
# inside: Django's format_html around every attribute cost as much as the templates it replaces.


def _e(value) -> str:
    """`value` escaped for HTML text or a quoted attribute, as {{ value }} would be (safe text as it is)."""
    return str(value) if hasattr(value, "__html__") else escape(str(value))


@register.simple_tag
def admin_fieldset(fieldset, heading_level: int = 2, prefix: str = "", id_prefix="", id_suffix="") -> SafeString:
    """`{% include "admin/includes/fieldset.html" %}` for a fieldset with no readonly fields."""
    heading_id = _e(f"{prefix}-{id_prefix}-{id_suffix}-heading")
    parts = []
    if fieldset.name:
        level = int(heading_level)
        heading = f'<h{level} id="{heading_id}" class="fieldset-heading">{_e(fieldset.name)}</h{level}>'
        parts.append(f"<details><summary>{heading}</summary>" if fieldset.is_collapsible else heading)
    if fieldset.description:
        parts.append(f'<div class="description">{fieldset.description}</div>')
    parts.extend(_line(line) for line in fieldset)
    if fieldset.name and fieldset.is_collapsible:
        parts.append("</details>")
    labelled = f' aria-labelledby="{heading_id}"' if fieldset.name else ""
    return mark_safe(f'<fieldset class="module aligned {_e(fieldset.classes)}"{labelled}>{"".join(parts)}</fieldset>')


def _line(line) -> str:
    fields = list(line)
    single = len(line.fields) == 1
    # An empty error list still renders its template: asked only when there are errors.
    errors = str(line.errors()) if any(field.field.errors for field in fields) else ""
    classes = ["form-row"]
    if single and errors:
        classes.append("errors")
    if not line.has_visible_field:
        classes.append("hidden")
    classes += [f"field-{field.field.name}" for field in fields if field.field.name]
    cells = "".join(_cell(field, single) for field in fields)
    inner = f"{errors}{cells}" if single else f'<div class="flex-container form-multiline">{cells}</div>'
    return f'<div class="{_e(" ".join(classes))}">{inner}</div>'


@register.simple_tag
def admin_widget(bound_field) -> SafeString:
    """`{{ bound_field }}`, without a template for the simple widgets."""
    return mark_safe(_widget(bound_field))


@register.simple_tag
def admin_label(admin_field) -> SafeString:
    """`{{ admin_field.label_tag }}` of an admin field (a line's field, an inline's deletion field)."""
    return mark_safe(_label(admin_field))


def _cell(field, single: bool) -> str:
    if field.is_readonly:
        raise ValueError("admin_fieldset renders editable fields only; use admin/includes/fieldset.html")
    bound = field.field
    classes = ["flex-container"]
    if not single:
        classes.append("fieldBox")
        if bound.name:
            classes.append(f"field-{bound.name}")
        if bound.errors:
            classes.append("errors")
        if bound.is_hidden:
            classes.append("hidden")
    if field.is_checkbox:
        classes.append("checkbox-row")
        control = _widget(bound) + _label(field)
    else:
        control = _label(field) + _widget(bound)
    errors = str(bound.errors) if bound.errors and not single else ""
    help_text = ""
    if bound.help_text:
        help_id = f' id="{_e(bound.id_for_label)}_helptext"' if bound.id_for_label else ""
        hidden = " hidden" if bound.is_hidden else ""
        help_text = f'<div class="help{hidden}"{help_id}><div>{bound.help_text}</div></div>'
    return f'<div>{errors}<div class="{_e(" ".join(classes))}">{control}</div>{help_text}</div>'


def _label(field) -> str:
    """AdminField.label_tag(), without a template: the label, its classes and its `for`."""
    bound = field.field
    classes = []
    if field.is_checkbox:
        classes.append("vCheckboxLabel")
    if bound.field.required:
        classes.append("required")
    if not field.is_first:
        classes.append("inline")
    contents = str(conditional_escape(bound.label))
    suffix = "" if field.is_checkbox else bound.form.label_suffix
    if suffix and contents and contents[-1] not in ":?.!":
        contents += _e(suffix)
    attrs = {"class": " ".join(classes)} if classes else {}
    if bound.id_for_label:
        attrs["for"] = bound.id_for_label
    return f"<label{_attrs(attrs)}>{contents}</label>"


# Widgets whose templates are one element, written out here (the admin's subclasses of them
# included, such as its text and number inputs); any other renders through its own template.
_INPUT_TEMPLATES = {
    f"django/forms/widgets/{name}.html" for name in ("input", "text", "number", "email", "hidden", "date", "checkbox")
}


def _input(bound) -> str:
    context = bound.field.widget.get_context(bound.html_name, bound.value(), _widget_attrs(bound))["widget"]
    value = "" if context["value"] is None else f' value="{_e(context["value"])}"'
    return f'<input type="{_e(context["type"])}" name="{_e(context["name"])}"{value}{_attrs(context["attrs"])}>'


def _widget(bound) -> str:
    widget = bound.field.widget
    if isinstance(widget, forms.widgets.Input) and widget.template_name in _INPUT_TEMPLATES:
        return _input(bound)
    if isinstance(widget, AdminDateWidget) and widget.template_name == "admin/widgets/date.html":
        return f'<p class="date">{_input(bound)}</p>'
    empty = not bound.value()
    if isinstance(widget, AdminURLFieldWidget) and widget.template_name == "admin/widgets/url.html" and empty:
        # Empty, the admin's URL widget is a plain input (with an address, it links to it: its template).
        return _input(bound)
    if (
        isinstance(widget, forms.Select)
        and not widget.allow_multiple_selected
        and widget.template_name == "django/forms/widgets/select.html"
        and widget.option_template_name == "django/forms/widgets/select_option.html"
    ):
        context = widget.get_context(bound.html_name, bound.value(), _widget_attrs(bound))["widget"]
        if not any(group_name for group_name, _options, _index in context["optgroups"]):
            options = "\n".join(
                f'<option value="{_e(option["value"])}"{_attrs(option["attrs"])}>{_e(option["label"])}</option>'
                for _group, group_options, _index in context["optgroups"]
                for option in group_options
            )
            return f'<select name="{_e(context["name"])}"{_attrs(context["attrs"])}>\n{options}\n</select>'
    return str(bound.as_widget())


def _widget_attrs(bound) -> dict:
    # As BoundField.as_widget() makes them: required, disabled, aria-invalid, aria-describedby, then the id.
    attrs = bound.build_widget_attrs({})
    if bound.auto_id and "id" not in bound.field.widget.attrs:
        attrs.setdefault("id", bound.auto_id)
    return attrs


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: True as a bare name, False left out."""
    return "".join(
        f" {_e(name)}" if value is True else f' {_e(name)}="{_e(value)}"'
        for name, value in attrs.items()
        if value is not False
    )
