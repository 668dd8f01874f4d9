"""`{% frame_part %}…{% endframe_part %}`: what the layout prints for the page itself, inside the frame it
prints around every page (core/skeleton.py `render_framed` renders the frame once and these on each read)."""

from django import template
from django.template.loader_tags import BLOCK_CONTEXT_KEY, BlockNode

from core import skeleton

register = template.Library()


class FramePartNode(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context) -> str:
        recorded = context.get(skeleton.RECORDING)
        if recorded is None:
            return self.nodelist.render(context)
        # Rendering the frame: what prints here is kept to be rendered on each read, the blocks as the
        # page's template fills them, and a marker takes its place.
        blocks = context.render_context.get(BLOCK_CONTEXT_KEY)
        return skeleton.record(recorded, [_as_filled(node, blocks) for node in self.nodelist])


def _as_filled(node: template.Node, blocks) -> template.Node | template.NodeList:
    if isinstance(node, BlockNode) and blocks is not None and (filled := blocks.get_block(node.name)) is not None:
        return filled.nodelist
    return node


@register.tag
def frame_part(parser, token) -> FramePartNode:
    nodelist = parser.parse(("endframe_part",))
    parser.delete_first_token()
    return FramePartNode(nodelist)
