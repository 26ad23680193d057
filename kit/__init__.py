"""Border Violence Prevention Training Kit: content, comparisons and Voila apps.

The public API is the names in ``__all__``; notebooks import only these.
"""


from kit.apps import LandingPage, PolicyExplorer
from kit.content import Content, ContentError, ContentInvalid, check_content, load_content
from kit.model import Citation, EvidenceLevel, GlossaryTerm, Source, Text

__all__ = [
    "Citation",
    "Content",
    "ContentError",
    "ContentInvalid",
    "EvidenceLevel",
    "GlossaryTerm",
    "LandingPage",
    "PolicyExplorer",
    "Source",
    "Text",
    "check_content",
    "load_content",
]
