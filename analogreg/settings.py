"""Per-municipality wording and drafting choices, one YAML file per municipality (rules/settings/*.yaml).

Model phrases differ between bodies (映像と音声 / 映像及び音声, 「その他の適切な方法」), and so do the title of the
general online ordinance, the bill title, the 施行期日, the order of a bill's articles and the column order of the
新旧対照表.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from analogreg.ruleset.yamlload import DataFileError, load_yaml, validate

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
DEFAULT_SETTINGS = RULES_DIR / "settings" / "default.yaml"

BillNumbering = Literal["enactment", "files"]
AmendmentStyle = Literal["aratame", "shinkyu"]


class Settings(BaseModel):
    """Wording and drafting choices of one municipality."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    municipality: str = Field(default="○○市", description="name used in bill titles and enacting sentences")
    video_audio_connective: Literal["及び", "と"] = Field(
        default="及び", description="映像及び音声の送受信… or 映像と音声の送受信…"
    )
    appropriate_method: bool = Field(
        default=False, description="「その他の適切な方法」 (True) or 「その他の方法」 (False)"
    )
    online_ordinance_title: str = Field(
        default="情報通信技術を活用した行政の推進に関する条例",
        description="the general online ordinance that covers 閲覧・縦覧 without a text change",
    )
    etsuran_mode: Literal["general_ordinance", "explicit"] = Field(
        default="general_ordinance",
        description="往訪閲覧・縦覧: rely on the online ordinance (no change) or amend each clause explicitly",
    )
    ordinance_bill_title: str = "情報通信技術の活用のための関係条例の整備に関する条例"
    rule_bill_title: str = "情報通信技術の活用のための関係規則の整備に関する規則"
    effective: str = Field(default="公布の日", description="「この条例は、{effective}から施行する。」")
    table_order: Literal["new_old", "old_new"] = Field(
        default="new_old", description="新旧対照表 columns: 改正後 | 改正前 (new_old) or 改正前 | 改正後"
    )
    amendment_style: AmendmentStyle = Field(
        default="aratame",
        description="how the bill amends each 例規 (domain-and-drafting b.6): by 改め文, the 新旧対照表 appended as "
        "参考資料 (aratame, 改め文方式), or by the 新旧対照表 itself, 「…の一部を次の表のように改正する。」 with the "
        "changed parts underlined (shinkyu, 新旧対照表方式, as 鳥取県 and 湖南市 and many 省令 do)",
    )
    fd_spec_articles: Literal["delete", "manual"] = Field(
        default="delete",
        description="FD等: the articles that only specify the medium (JIS 規格, 記録方式, ラベル), once the 例規 "
        "renames it 電磁的記録媒体: drafted as 「第十四条　削除」 (delete, as the 2023 経済産業省関係省令 一括改正 "
        "did) or left to the drafter (manual)",
    )
    bill_numbering: BillNumbering = Field(
        default="enactment",
        description="order of the articles (第1条, 第2条 …) of an omnibus bill: by the amended 例規's number "
        "(enactment: year, then number; 例規 without a number last, by title) or by the 例規 files' paths (files: "
        "a 例規集 saved in its own order, e.g. 体系順)",
    )


def load_settings(path: Path | None = None) -> Settings:
    """Load a settings file; raises DataFileError listing every problem with its file and line."""
    path = path or DEFAULT_SETTINGS
    data, problems = load_yaml(path)
    if not problems:
        settings, problems = validate(Settings, data or {}, path)
        if settings is not None:
            return settings  # type: ignore[return-value]
    raise DataFileError(problems)
