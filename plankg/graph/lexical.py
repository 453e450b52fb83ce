"""Turtle and TriG writers that keep every literal's lexical form.

rdflib writes numbers in Turtle's shorthand (``17.0``, ``1.5e+00``) from their value,
so a literal whose lexical form is not the shorthand's — the canonical ``"17"^^xsd:decimal``
a triple store keeps, a double in canonical form — would read back as another literal
from a Turtle file than from N-Triples. These writers use the shorthand only where it
reads back as the same lexical form, and the full ``"lexical"^^datatype`` form elsewhere,
so every format plankg writes holds the same literals.
"""
from __future__ import annotations

from rdflib import Literal
from rdflib.plugin import Serializer, register
from rdflib.plugins.serializers.trig import TrigSerializer
from rdflib.plugins.serializers.turtle import _GEN_QNAME_FOR_DT, TurtleSerializer

#: rdflib format name -> the name of the writer registered here
WRITERS = {"turtle": "plankg-turtle", "trig": "plankg-trig"}


class _KeepsLexicalForms:
    def label(self, node, position):
        text = super().label(node, position)
        if isinstance(node, Literal) and node.datatype is not None and not text.startswith('"') \
                and text != str(node):
            return node._literal_n3(use_plain=False,
                                    qname_callback=lambda dt: self.get_pname(dt, _GEN_QNAME_FOR_DT))
        return text


class LexicalTurtleSerializer(_KeepsLexicalForms, TurtleSerializer):
    """rdflib's Turtle writer, keeping each literal's lexical form."""


class LexicalTrigSerializer(_KeepsLexicalForms, TrigSerializer):
    """rdflib's TriG writer, keeping each literal's lexical form."""


register(WRITERS["turtle"], Serializer, __name__, "LexicalTurtleSerializer")
register(WRITERS["trig"], Serializer, __name__, "LexicalTrigSerializer")
