"""Sources: the documents everything else is extracted from, kept in every version."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from schema.base import Base, one_of
from schema.mixins import CreatedAt, WrittenByLoader
from schema.vocabulary import MEDIA_TYPES, SOURCE_KINDS


class Source(CreatedAt, WrittenByLoader, Base):
    __tablename__ = "sources"
    __table_args__ = (
        UniqueConstraint("source_key", "version"),
        Index(
            "uq_sources_current_source_key", "source_key", unique=True, postgresql_where=text("is_current")
        ),
        one_of("kind", SOURCE_KINDS),
        one_of("media_type", MEDIA_TYPES),
        CheckConstraint("version >= 1", name="version_positive"),
        CheckConstraint(
            "NOT is_current OR (superseded_by IS NULL AND superseded_at IS NULL)",
            name="current_not_superseded",
        ),
        CheckConstraint("superseded_by <> id", name="not_superseded_by_itself"),
        CheckConstraint("sha256 ~ '^[0-9a-f]{64}$'", name="sha256_hex"),
        CheckConstraint("char_length(text) > 0", name="text_not_empty"),
        CheckConstraint("language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$'", name="language_tag"),
        {
            "comment": "Documents (news articles, government reports, statements, ...) with their "
            "metadata and cleaned full text, one row per version: a changed document gets a new row "
            "with the same source_key and the next version number; only the newest is current."
        },
    )

    id: Mapped[int] = mapped_column(
        BigInteger, Identity(), primary_key=True, comment="Row id of this version of the source."
    )
    source_key: Mapped[str] = mapped_column(
        Text,
        comment="Identity shared by every version of one source: 'url:' + the URL when known, else "
        "'title:' + publisher|title|published_on, else 'sha256:' + the first version's hash.",
    )
    version: Mapped[int] = mapped_column(
        Integer, comment="Version number within source_key: 1 for the first content seen, then 2, 3, ..."
    )
    is_current: Mapped[bool] = mapped_column(
        Boolean,
        server_default=text("true"),
        comment="True for the newest version of the source; at most one per source_key.",
    )
    superseded_by: Mapped[int | None] = mapped_column(
        BigInteger,
        ForeignKey("sources.id", ondelete="SET NULL"),
        comment="The version that replaced this one (sources.id); null while current.",
    )
    superseded_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), comment="When a newer version replaced this one; null while current."
    )
    kind: Mapped[str] = mapped_column(
        Text, comment="What the document is: news_article, news_digest, government_report, statement, ..."
    )
    media_type: Mapped[str] = mapped_column(
        Text, comment="Format the input was read from: text/plain, text/markdown or text/html."
    )
    title: Mapped[str | None] = mapped_column(Text, comment="Title or headline, when known.")
    publisher: Mapped[str | None] = mapped_column(
        Text,
        index=True,  # researchers filter by publisher (migration 2026_11_24_0003)
        comment="Publisher as named by the document or the loader's options, e.g. 'Dawn'.",
    )
    author: Mapped[str | None] = mapped_column(Text, comment="Author or byline, when known.")
    url: Mapped[str | None] = mapped_column(Text, index=True, comment="Where the document was published.")
    published_on: Mapped[date | None] = mapped_column(Date, comment="Publication date, when known.")
    dateline: Mapped[str | None] = mapped_column(
        Text, comment="The dateline opening the text, e.g. 'WASHINGTON' or 'KABUL, AFGHANISTAN'."
    )
    language: Mapped[str] = mapped_column(
        Text, server_default=text("'en'"), comment="Language of the text, a BCP 47 tag such as 'en'."
    )
    path: Mapped[str | None] = mapped_column(
        Text, comment="The input the text was read from (file path as given, or '-' for standard input)."
    )
    sha256: Mapped[str] = mapped_column(
        Text,
        index=True,
        comment="sha256 of the input bytes (lower-case hex): identical content is never stored twice.",
    )
    text: Mapped[str] = mapped_column(
        Text,
        comment="The cleaned full text; every char_start/char_end in the database points into it.",
    )
    retrieved_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True),
        server_default=func.now(),
        comment="When the content was retrieved (by default: when it was loaded).",
    )


class SourceCitation(CreatedAt, WrittenByLoader, Base):
    __tablename__ = "source_citations"
    __table_args__ = (
        UniqueConstraint("citing_source_id", "cited_title"),
        CheckConstraint("cited_source_id <> citing_source_id", name="not_self"),
        CheckConstraint("cited_title <> ''", name="cited_title_not_empty"),
        CheckConstraint(
            "(char_start IS NULL) = (char_end IS NULL) AND (char_start IS NULL) = (quote IS NULL)",
            name="span_all_or_none",
        ),
        CheckConstraint("char_start >= 0 AND char_end > char_start", name="span_order"),
        CheckConstraint("char_length(quote) = char_end - char_start", name="quote_length"),
        {
            "comment": "A source citing another one (the Dawn article reports on the US State "
            "Department's report). The cited source need not be in the database itself."
        },
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True, comment="Row id.")
    citing_source_id: Mapped[int] = mapped_column(
        BigInteger,
        ForeignKey("sources.id", ondelete="CASCADE"),
        comment="The source that cites (sources.id).",
    )
    cited_source_id: Mapped[int | None] = mapped_column(
        BigInteger,
        ForeignKey("sources.id", ondelete="SET NULL"),
        index=True,
        comment="The cited source when it is in the database too (sources.id), else null.",
    )
    cited_title: Mapped[str] = mapped_column(
        Text, comment="The cited source as the citing text names it, e.g. 'Country Reports on Terrorism'."
    )
    char_start: Mapped[int | None] = mapped_column(
        Integer, comment="Start of the citation in the citing source's text, when located."
    )
    char_end: Mapped[int | None] = mapped_column(
        Integer, comment="End (exclusive) of the citation in the citing source's text, when located."
    )
    quote: Mapped[str | None] = mapped_column(
        Text, comment="The citing passage: the citing source's text between char_start and char_end."
    )
