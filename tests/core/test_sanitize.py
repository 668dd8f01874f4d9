import pytest

from core.sanitize import clean_html


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>Hello <script>alert(1)</script>world</p>", "<p>Hello world</p>"),
        ("<style>p { color: red }</style><p>Text</p>", "<p>Text</p>"),
        ('<p onmouseover="steal()">Text</p>', "<p>Text</p>"),
        # A link whose address is refused is no link at all.
        ('<a href="javascript:alert(1)">x</a>', "x"),
        (
            '<a href="https://example.org" target="_blank">x</a>',
            '<a href="https://example.org" rel="noopener noreferrer">x</a>',
        ),
        ("<noscript><p>fallback</p></noscript><p>after</p>", "<p>after</p>"),
        ("<h1>Title</h1>", "Title"),
        ("<p><!-- a comment --><em>kept</em></p>", "<p><em>kept</em></p>"),
        ("", ""),
    ],
)
def test_clean_html(dirty, clean):
    assert clean_html(dirty) == clean
