"""Formulasi Data as sanitised rich text.

The formulasi of an indikator is stored as a small HTML subset: only p, br, ul, ol, li, b,
i, u, sup and sub survive, without attributes. Everything else is dropped (its text kept),
and script/style contents are removed. The same subset is what the printout renders.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

ALLOWED = frozenset({"p", "br", "ul", "ol", "li", "b", "i", "u", "sup", "sub"})
RENAMED = {"strong": "b", "em": "i", "ins": "u"}
DROPPED_WITH_CONTENT = frozenset({"script", "style", "head", "title", "template", "iframe",
                                  "object"})
VOID = frozenset({"br"})


def _span_tags(attrs) -> list[str]:
    """Rich-text editors (Qt's QTextEdit among them) mark bold, italic, underline and
    super/subscript as styled spans: read them as the tags of the subset."""
    style = (dict(attrs).get("style") or "").replace(" ", "").lower()
    tags = []
    if "font-weight:600" in style or "font-weight:700" in style or "font-weight:bold" in style:
        tags.append("b")
    if "font-style:italic" in style:
        tags.append("i")
    if "text-decoration:underline" in style:
        tags.append("u")
    if "vertical-align:super" in style:
        tags.append("sup")
    if "vertical-align:sub" in style:
        tags.append("sub")
    return tags


class _Sanitiser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.spans: list[list[str]] = []
        self.skip_depth = 0

    def handle_starttag(self, tag, attrs):
        tag = RENAMED.get(tag, tag)
        if tag == "span" and not self.skip_depth:
            opened = _span_tags(attrs)
            self.spans.append(opened)
            for t in opened:
                self.out.append(f"<{t}>")
                self.open.append(t)
            return
        if tag in DROPPED_WITH_CONTENT:
            self.skip_depth += 1
            return
        if self.skip_depth or tag not in ALLOWED:
            return
        if tag in VOID:
            self.out.append("<br>")
            return
        self.out.append(f"<{tag}>")
        self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        tag = RENAMED.get(tag, tag)
        if tag not in VOID and tag in ALLOWED and not self.skip_depth:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        tag = RENAMED.get(tag, tag)
        if tag == "span" and not self.skip_depth:
            for t in reversed(self.spans.pop() if self.spans else []):
                self.handle_endtag(t)
            return
        if tag in DROPPED_WITH_CONTENT:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if self.skip_depth or tag not in ALLOWED or tag in VOID or tag not in self.open:
            return
        while self.open:
            t = self.open.pop()
            self.out.append(f"</{t}>")
            if t == tag:
                break

    def handle_data(self, data):
        if not self.skip_depth:
            self.out.append(html.escape(data, quote=False))

    def result(self) -> str:
        while self.open:
            self.out.append(f"</{self.open.pop()}>")
        text = "".join(self.out).strip()
        # white space between blocks is layout of the source, not text
        text = re.sub(r"\s*(</?(?:p|ul|ol|li)>)\s*", r"\1", text)
        # empty paragraphs (an editor's blank lines) carry nothing
        return re.sub(r"<p>(<br>)?</p>", "", text).strip()


def sanitise(markup: str | None) -> str:
    """Return the allowed subset of ``markup``; plain text is escaped. None → ""."""
    if not markup:
        return ""
    p = _Sanitiser()
    p.feed(markup)
    p.close()
    return p.result()


@dataclass(frozen=True)
class Block:
    """A block of formulasi for renderers: a paragraph or one list item.

    Attributes:
        kind: "p" or "li".
        inline: sanitised inline markup (b, i, u, sup, sub, br only).
        list_kind: "ul" or "ol" for list items, None for paragraphs.
        number: position of an item in its list (1-based).
    """

    kind: str
    inline: str
    list_kind: str | None = None
    number: int = 0


class _Blocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.blocks: list[Block] = []
        self.buf: list[str] = []
        self.lists: list[list] = []  # [kind, counter]
        self.in_li = False

    def _flush(self, kind: str) -> None:
        text = "".join(self.buf).strip()
        self.buf = []
        if not text:
            return
        if kind == "li" and self.lists:
            kind_, n = self.lists[-1]
            self.blocks.append(Block("li", text, kind_, n))
        else:
            self.blocks.append(Block("p", text))

    def handle_starttag(self, tag, attrs):
        if tag in ("ul", "ol"):
            self._flush("p")
            self.lists.append([tag, 0])
        elif tag == "li":
            self._flush("li" if self.in_li else "p")
            if self.lists:
                self.lists[-1][1] += 1
            self.in_li = True
        elif tag == "p":
            self._flush("li" if self.in_li else "p")
        elif tag == "br":
            self.buf.append("<br/>")
        else:
            self.buf.append(f"<{tag}>")

    def handle_endtag(self, tag):
        if tag == "li":
            self._flush("li")
            self.in_li = False
        elif tag in ("ul", "ol"):
            self._flush("li" if self.in_li else "p")
            if self.lists:
                self.lists.pop()
        elif tag == "p":
            self._flush("li" if self.in_li else "p")
        elif tag != "br":
            self.buf.append(f"</{tag}>")

    def handle_data(self, data):
        self.buf.append(data)

    def handle_entityref(self, name):
        self.buf.append(f"&{name};")

    def handle_charref(self, name):
        self.buf.append(f"&#{name};")


def blocks(markup: str) -> list[Block]:
    """Split sanitised formulasi into paragraphs and list items, in order."""
    p = _Blocks()
    p.feed(sanitise(markup))
    p.close()
    p._flush("p")
    return p.blocks


def plain_text(markup: str) -> str:
    """The words of the formulasi without tags, blocks separated by newlines."""
    out = []
    for b in blocks(markup):
        text = b.inline.replace("<br/>", " ")
        # remove inline tags
        parser_text = []

        class _T(HTMLParser):
            def handle_data(self, d):
                parser_text.append(d)

        t = _T(convert_charrefs=True)
        t.feed(text)
        t.close()
        out.append(" ".join("".join(parser_text).split()))
    return "\n".join(out)
