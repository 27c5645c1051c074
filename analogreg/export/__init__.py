"""Writers: findings (jsonl, csv, xlsx 点検表), bills and 新旧対照表 (docx, md, txt, html). No Textual here."""
