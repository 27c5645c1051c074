"""What the classifier tests share: a small statute built in memory from article, paragraph and item texts."""

from __future__ import annotations

from analogreg.model import Article, Item, Law, Paragraph, Sentence, finalize


def law_of(*articles: tuple[str, str, str, list[tuple[str, list[str]]]]) -> Law:
    """A Law of (num, title, caption, [(paragraph text, items)]) articles."""
    body = [
        Article(
            num=num,
            title=title,
            caption=caption,
            paragraphs=[
                Paragraph(
                    num=str(p + 1),
                    title="" if p == 0 else "２３４"[p - 1],
                    sentences=[Sentence(text=text)],
                    items=[
                        Item(num=str(i + 1), title="一二三四五"[i], sentences=[Sentence(text=t)])
                        for i, t in enumerate(items)
                    ],
                )
                for p, (text, items) in enumerate(paragraphs)
            ],
        )
        for num, title, caption, paragraphs in articles
    ]
    return finalize(Law(title="テスト法", kind="法律", body=body))
