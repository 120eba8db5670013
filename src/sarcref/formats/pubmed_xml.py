"""PubMed XML (``<PubmedArticleSet>``: efetch ``retmode=xml`` and PubMed's "Save as XML") to
CSL records.

``<PubmedArticle>`` is a journal article, ``<PubmedBookArticle>`` a book or a chapter of one
(NCBI Bookshelf). The elements are those of NLM's "MEDLINE/PubMed XML Element Descriptions";
the mapping to CSL is ``pubmed_citation``'s, shared with the MEDLINE text reader, so an
article gives the same record from either export. Titles keep their markup (``<i>``,
``<b>``, ``<sup>``, ``<sub>``) as CSL rich text; a structured abstract keeps its section
labels (``PURPOSE OF REVIEW: ...``). The file is parsed with entities, DTDs and the network
off (``sarcref.xmlsafe``).
"""

from __future__ import annotations

from typing import Any

from ..errors import DataError
from ..xmlsafe import iter_records, root_name
from . import collect
from .model import Problem, ReadResult
from .person_names import from_initials, from_inverted, orcid
from .pubmed_citation import Author, Citation, to_csl

FORMAT = "pubmed-xml"
ROOT = "PubmedArticleSet"
_RECORDS = ("PubmedArticle", "PubmedBookArticle")
_RICH = {"i": "i", "b": "b", "sup": "sup", "sub": "sub"}


def looks_like_pubmed_xml(head: str) -> bool:
    return root_name(head) == ROOT


def read(text: str, source: str) -> ReadResult:
    """The records of a PubMed XML text, in file order, and the records it could not read."""
    result = ReadResult(FORMAT)
    # <DeleteCitation> elements (PMIDs PubMed withdrew) are not records: nothing to import.
    for node in iter_records(text, source, root=ROOT, records=_RECORDS, what="PubMed XML"):
        try:
            citation = (article_citation if node.tag == _RECORDS[0] else book_citation)(node)
        except DataError as error:
            pmid = node.findtext(".//PMID")
            label = f"PMID {pmid}" if pmid else None
            result.problems.append(Problem(source, node.sourceline, label, error.message))
            continue
        label = f"PMID {citation.pmid}" if citation.pmid else None
        csl, extra = to_csl(citation)
        for warning in citation.warnings:
            collect.warn(result, source, node.sourceline, label, warning)
        collect.add_record(result, csl, extra, source, node.sourceline, label)
    return result


def article_citation(node: Any) -> Citation:
    citation = Citation(FORMAT)
    medline = _child(node, "MedlineCitation")
    article = _child(medline, "Article")
    citation.pmid = _text(_child(medline, "PMID"))
    journal = _child(article, "Journal")
    for issn in journal.findall("ISSN"):
        kind = "electronic" if issn.get("IssnType") == "Electronic" else "print"
        citation.issn.setdefault(kind, _text(issn))
    linking = _text(medline.find("MedlineJournalInfo/ISSNLinking"))
    if linking:
        citation.issn.setdefault("linking", linking)
    issue = _child(journal, "JournalIssue")
    citation.volume = _text(issue.find("Volume"))
    citation.issue = _text(issue.find("Issue"))
    citation.published = _date_text(issue.find("PubDate"))
    citation.journal = _text(journal.find("Title"))
    citation.journal_abbreviation = _text(journal.find("ISOAbbreviation")) or _text(
        medline.find("MedlineJournalInfo/MedlineTA")
    )
    citation.title = rich_text(article.find("ArticleTitle"))
    citation.vernacular_title = _text(article.find("VernacularTitle"))
    citation.pages = _pages(article.find("Pagination"))
    _abstract(citation, article.find("Abstract"))
    for authors in article.findall("AuthorList"):
        _people(citation, authors)
    citation.languages = [_text(e) for e in article.findall("Language") if _text(e)]
    citation.publication_types = _texts(article.findall("PublicationTypeList/PublicationType"))
    for date in article.findall("ArticleDate"):
        if date.get("DateType", "Electronic") == "Electronic":
            citation.electronic = _numeric_date(date)
    citation.mesh = [_heading(h) for h in medline.findall("MeshHeadingList/MeshHeading")]
    citation.keywords = _texts(medline.findall("KeywordList/Keyword"))
    ids = {i.get("IdType"): _text(i) for i in node.findall("PubmedData/ArticleIdList/ArticleId")}
    citation.doi = ids.get("doi") or _elocation(article, "doi")
    citation.pmcid = ids.get("pmc", "")
    return citation


def book_citation(node: Any) -> Citation:
    citation = Citation(FORMAT)
    document = _child(node, "BookDocument")
    book = _child(document, "Book")
    citation.pmid = _text(document.find("PMID"))
    citation.book_title = rich_text(book.find("BookTitle"))
    citation.title = rich_text(document.find("ArticleTitle"))
    citation.publisher = _text(book.find("Publisher/PublisherName"))
    citation.place = _text(book.find("Publisher/PublisherLocation"))
    citation.published = _date_text(book.find("PubDate"))
    citation.edition = _text(book.find("Edition"))
    citation.volume = _text(book.find("Volume"))
    citation.collection_title = _text(book.find("CollectionTitle"))
    citation.isbn = _texts(book.findall("Isbn"))
    # A chapter's authors are the document's; a whole book's are the book's.
    for authors in document.findall("AuthorList") + book.findall("AuthorList"):
        _people(citation, authors)
    citation.languages = _texts(document.findall("Language"))
    citation.publication_types = _texts(document.findall("PublicationType"))
    _abstract(citation, document.find("Abstract"))
    citation.keywords = _texts(document.findall("KeywordList/Keyword"))
    ids = {i.get("IdType"): _text(i) for i in document.findall("ArticleIdList/ArticleId")}
    ids.update(
        (i.get("IdType"), _text(i)) for i in node.findall("PubmedBookData/ArticleIdList/ArticleId")
    )
    citation.doi = ids.get("doi", "")
    return citation


def _people(citation: Citation, authors: Any) -> None:
    editors = authors.get("Type") == "editors"
    for author in authors.findall("Author"):
        if author.get("ValidYN") == "N":
            continue  # a spelling NLM marks as wrong; the right one follows
        name = _name(author)
        if name is None:
            continue
        if editors:
            citation.editors.append(name)
            continue
        entry = Author(name)
        for identifier in author.findall("Identifier"):
            if identifier.get("Source") == "ORCID":
                entry.orcid = orcid(_text(identifier))
        entry.affiliations = _texts(author.findall("AffiliationInfo/Affiliation"))
        citation.authors.append(entry)


def _name(author: Any) -> dict[str, str] | None:
    collective = _text(author.find("CollectiveName"))
    if collective:
        return {"literal": collective}
    last = _text(author.find("LastName"))
    if not last:
        return None
    given = _text(author.find("ForeName")) or _text(author.find("FirstName"))
    suffix = _text(author.find("Suffix"))
    if given:
        return from_inverted(f"{last}, {given} {suffix}".strip())
    initials = _text(author.find("Initials"))
    return from_initials(f"{last} {initials} {suffix}".strip()) if initials else {"family": last}


def _abstract(citation: Citation, abstract: Any) -> None:
    if abstract is None:
        return
    sections = []
    for section in abstract.findall("AbstractText"):
        text = _text(section)
        label = section.get("Label")
        if label and label.upper() != "UNLABELLED":
            text = f"{label}: {text}"
        if text:
            sections.append(text)
    citation.abstract = " ".join(sections)
    citation.copyright = _text(abstract.find("CopyrightInformation"))


def _heading(heading: Any) -> str:
    """A MeSH heading as MEDLINE writes it: ``*Descriptor`` or ``Descriptor/*qualifier``."""
    descriptor = heading.find("DescriptorName")
    qualifiers = heading.findall("QualifierName")
    major = descriptor is not None and descriptor.get("MajorTopicYN") == "Y"
    text = ("*" if major and not qualifiers else "") + _text(descriptor)
    for qualifier in qualifiers:
        star = "*" if qualifier.get("MajorTopicYN") == "Y" else ""
        text += f"/{star}{_text(qualifier)}"
    return text


def _pages(pagination: Any) -> str:
    if pagination is None:
        return ""
    medline = _text(pagination.find("MedlinePgn"))
    if medline:
        return medline
    start, end = _text(pagination.find("StartPage")), _text(pagination.find("EndPage"))
    return f"{start}-{end}" if start and end and end != start else start or end


def _elocation(article: Any, kind: str) -> str:
    for location in article.findall("ELocationID"):
        if location.get("EIdType") == kind and location.get("ValidYN", "Y") == "Y":
            return _text(location)
    return ""


def _date_text(date: Any) -> str:
    """``PubDate`` as MEDLINE's ``DP`` writes it (``2015 Feb 15``, ``2009 Winter``)."""
    if date is None:
        return ""
    medline = _text(date.find("MedlineDate"))
    if medline:
        return medline
    parts = [_text(date.find(tag)) for tag in ("Year", "Month", "Day", "Season")]
    return " ".join(p for p in parts if p)


def _numeric_date(date: Any) -> str:
    parts = [_text(date.find(tag)) for tag in ("Year", "Month", "Day")]
    return "-".join(p for p in parts if p)


def rich_text(element: Any) -> str:
    """An element's text with its inline markup as CSL rich text (``<i>``, ``<b>``, ...)."""
    if element is None:
        return ""
    pieces = [element.text or ""]
    for child in element:
        tag = _RICH.get(child.tag if isinstance(child.tag, str) else "")
        inner = rich_text(child)
        pieces.append(f"<{tag}>{inner}</{tag}>" if tag and inner.strip() else inner)
        pieces.append(child.tail or "")
    return " ".join("".join(pieces).split())


def _child(node: Any, tag: str) -> Any:
    child = node.find(tag)
    if child is None:
        raise DataError(f"<{node.tag}> (line {node.sourceline}) has no <{tag}>")
    return child


def _text(element: Any) -> str:
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())


def _texts(elements: list[Any]) -> list[str]:
    return [t for t in (_text(e) for e in elements) if t]
