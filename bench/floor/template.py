"""Turn a saved copy of an article's page into the floor's one template."""

from __future__ import annotations

import re
from pathlib import Path

from django.utils.html import escape

TEMPLATE_NAME = "floor/article.html"


def _literal(text: str) -> str:
    if "endverbatim" in text:
        raise ValueError("the saved page contains 'endverbatim': it cannot be a verbatim block")
    return "{% verbatim %}" + text + "{% endverbatim %}" if text else ""


def floor_template(html: str, *, title: str, dek: str, body: str) -> str:
    """A template that renders `html` again from an article row: its title, dek and body are
    variables (wherever the page shows them as the template engine would), the rest is verbatim.

    Rendered with the same row, it gives back `html` byte for byte.
    """
    variables = {body: "{{ article.body|safe }}", escape(title): "{{ article.title }}"}
    if dek:
        variables[escape(dek)] = "{{ article.dek }}"
    variables = {text: tag for text, tag in variables.items() if text}
    # Longest first, so that a title quoted inside the body stays part of the body.
    pattern = re.compile("|".join(re.escape(text) for text in sorted(variables, key=len, reverse=True)))
    parts, position = [], 0
    for match in pattern.finditer(html):
        parts += [_literal(html[position : match.start()]), variables[match.group(0)]]
        position = match.end()
    parts.append(_literal(html[position:]))
    return "".join(parts)


def write_floor_template(directory: Path, html: str, *, title: str, dek: str, body: str) -> Path:
    path = Path(directory) / TEMPLATE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(floor_template(html, title=title, dek=dek, body=body), encoding="utf-8")
    return path
