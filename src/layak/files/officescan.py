"""What an Office package (docx, xlsx) holds, judged by the types its parts declare and the
relationships between them, whatever the parts are named.

First the zip itself, as before (entries, names, unpacked size, compression ratio, XML entity
declarations); then, refused:
- VBA (`file.macro`, `file.document_macro`): a part whose content type is a VBA project, VBA
  data or a macro-enabled main part, a VBA relationship, or a part named vbaProject.bin;
- ActiveX controls and embedded OLE objects (`file.office_object`), by content type or
  relationship, and any part that is an OLE2 compound file, the container VBA projects,
  ActiveX binaries and OLE objects are stored in, however it is declared;
- links to outside the package that Word or Excel follow by themselves
  (`file.office_external`): every relationship with TargetMode="External" except hyperlinks
  to http, https or mailto, which open only when a person clicks them and are everywhere in
  reports (a template on a server, `attachedTemplate`, a linked picture, a frame or a
  sub-document are all fetched on opening); a workbook's links to other workbooks
  (externalLink parts) and data connections refreshed on opening;
- DDE, which starts another program (`file.office_dde`): `ddeLink` in a workbook's links,
  formulas and defined names calling a program (`cmd|' /C calc'!A0`), and DDE or DDEAUTO
  fields in a document, or a field whose type is built by another field (the way DDEAUTO is
  hidden from simple searches).
Office packages embedded in the file (the workbook behind a chart) are checked the same way.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

# ParseError is the stdlib's class, re-exported by defusedxml: no stdlib XML module here.
from defusedxml import DefusedXmlException  # type: ignore[import-untyped]
from defusedxml.ElementTree import (  # type: ignore[import-untyped]
    ParseError,
    fromstring,
    iterparse,
)

from layak.core.messages import Message, msg
from layak.tabular.read import dtd_part

MB = 1024 * 1024
MAX_UNPACKED = 100 * MB
MAX_ENTRIES = 2_000
MAX_RATIO = 100
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
LINK_SCHEMES = ("http://", "https://", "mailto:")
RELATIONSHIPS = "application/vnd.openxmlformats-package.relationships+xml"
# Text in quotes is data ("a|b", 'Sheet|1'!A1); a bar outside quotes calls another program.
QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
FIELD_TYPE = re.compile(r"^[\s\"]*([A-Za-z]+)")


class OfficeRefused(Exception):
    def __init__(self, message: Message) -> None:
        super().__init__(message.key)
        self.message = message


def check_office(data: bytes, *, embedded: bool = False) -> str | None:
    """ "xlsx" or "docx" for an acceptable package; raises OfficeRefused with the rule it
    breaks. An embedded package may be of another kind (a presentation) or no package."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise OfficeRefused(msg("evidence.unknown_type")) from None
    with archive:
        names = _check_zip(archive)
        if "[Content_Types].xml" not in names:
            if embedded:
                return None  # not an Office package: nothing opens it as one
            raise OfficeRefused(msg("evidence.unknown_type"))
        entities = dtd_part(archive)
        if entities is not None:
            raise OfficeRefused(msg("file.xml_entities", name=entities))
        kind = "xlsx" if "xl/workbook.xml" in names else None
        kind = "docx" if kind is None and "word/document.xml" in names else kind
        package = _Package(archive, "file.macro" if kind == "xlsx" else "file.document_macro")
        if any(name.lower().endswith("vbaproject.bin") for name in names):
            raise OfficeRefused(msg(package.macro))
        inner = package.check_parts()
        package.check_relationships()
        package.check_dde()
    if not embedded:
        for part in inner:
            check_office(part, embedded=True)
        if kind is None:
            raise OfficeRefused(msg("evidence.unknown_type"))
    return kind


def _check_zip(archive: zipfile.ZipFile) -> set[str]:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise OfficeRefused(msg("file.zip_too_many_entries", count=len(infos), limit=MAX_ENTRIES))
    total = 0
    for info in infos:
        name = info.filename
        if name.startswith(("/", "\\")) or ".." in name.split("/") or "\x00" in name:
            raise OfficeRefused(msg("file.zip_bad_name", name=name))
        total += info.file_size
        ratio = info.file_size // max(info.compress_size, 1)
        if info.file_size > MB and ratio > MAX_RATIO:
            raise OfficeRefused(msg("file.zip_ratio", name=name, ratio=ratio, limit=MAX_RATIO))
    if total > MAX_UNPACKED:
        raise OfficeRefused(msg("file.zip_too_big_unpacked", size=total, limit=MAX_UNPACKED))
    return {info.filename for info in infos}


def _shown(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "..."


def _local(tag: str) -> str:
    """An XML name without its namespace (Office writes two: transitional and strict)."""
    return tag.rsplit("}", 1)[-1]


class _Package:
    def __init__(self, archive: zipfile.ZipFile, macro: str) -> None:
        self.archive = archive
        self.macro = macro
        self.types = self._content_types()

    def _xml(self, name: str) -> Any:
        try:
            return fromstring(self.archive.read(name))
        except DefusedXmlException:
            raise OfficeRefused(msg("file.xml_entities", name=name)) from None
        except ParseError:
            raise OfficeRefused(msg("file.unreadable", detail=name)) from None

    def _content_types(self) -> dict[str, str]:
        """Each part's declared content type: its own (Override) or its extension's (Default).
        Part names are compared without case, as the packaging standard says."""
        defaults: dict[str, str] = {}
        overrides: dict[str, str] = {}
        for item in self._xml("[Content_Types].xml"):
            kind = item.get("ContentType", "").lower()
            if _local(item.tag) == "Default":
                defaults[item.get("Extension", "").lower()] = kind
            elif _local(item.tag) == "Override":
                overrides[item.get("PartName", "").lstrip("/").lower()] = kind
        types = {}
        for name in self.archive.namelist():
            if name.endswith("/"):
                continue
            extension = name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""
            types[name] = overrides.get(name.lower(), defaults.get(extension, ""))
        return types

    def check_parts(self) -> list[bytes]:
        """Refuse parts that are programs by their type or their bytes; the embedded Office
        packages, to be checked in turn."""
        inner = []
        for name, kind in self.types.items():
            if "vba" in kind or "macroenabled" in kind:
                raise OfficeRefused(msg(self.macro))
            if "activex" in kind:
                raise OfficeRefused(msg("file.office_object", what=f"ActiveX {name}"))
            if "oleobject" in kind:
                raise OfficeRefused(msg("file.office_object", what=f"OLE {name}"))
            if "externallink" in kind:
                self._check_workbook_link(name)
            if "spreadsheetml.connections" in kind:
                self._check_connections(name)
            with self.archive.open(name) as part:
                head = part.read(len(OLE_MAGIC))
            if head == OLE_MAGIC:
                raise OfficeRefused(msg("file.office_object", what=f"OLE {name}"))
            if head.startswith(ZIP_MAGIC):
                inner.append(self.archive.read(name))
        return inner

    def _check_workbook_link(self, name: str) -> None:
        for element in self._xml(name).iter():
            if _local(element.tag) == "ddeLink":
                service = element.get("ddeService", "")
                raise OfficeRefused(msg("file.office_dde", what=_shown(f"ddeLink {service}")))
        raise OfficeRefused(msg("file.office_external", what="externalLink", target=name))

    def _check_connections(self, name: str) -> None:
        for element in self._xml(name).iter():
            if _local(element.tag) == "connection" and element.get("refreshOnLoad") in (
                "1",
                "true",
            ):
                shown = _shown(element.get("name", name))
                raise OfficeRefused(msg("file.office_external", what="connection", target=shown))

    def check_relationships(self) -> None:
        for name, kind in self.types.items():
            if not (kind == RELATIONSHIPS or name.lower().endswith(".rels")):
                continue
            for relation in self._xml(name):
                if _local(relation.tag) != "Relationship":
                    continue
                what = relation.get("Type", "").rstrip("/").rsplit("/", 1)[-1]
                target = relation.get("Target", "")
                lowered = what.lower()
                if "vba" in lowered:
                    raise OfficeRefused(msg(self.macro))
                if "activex" in lowered or lowered == "control":
                    raise OfficeRefused(msg("file.office_object", what=f"ActiveX {target}"))
                if lowered == "oleobject":
                    raise OfficeRefused(msg("file.office_object", what=f"OLE {target}"))
                if lowered.startswith("externallink"):
                    raise OfficeRefused(
                        msg("file.office_external", what=what, target=_shown(target))
                    )
                if relation.get("TargetMode", "").lower() != "external":
                    continue
                if lowered == "hyperlink" and target.strip().lower().startswith(LINK_SCHEMES):
                    continue  # opened only when a person clicks it
                raise OfficeRefused(msg("file.office_external", what=what, target=_shown(target)))

    def check_dde(self) -> None:
        for name, kind in self.types.items():
            if "spreadsheetml" in kind and kind.endswith("+xml"):
                self._check_formulas(name)
            elif "wordprocessingml" in kind and kind.endswith("+xml"):
                self._check_fields(name)

    def _events(self, name: str) -> Iterator[tuple[str, Any]]:
        """Start and end of each element, which is dropped from the tree once its end was
        seen: a sheet of a million cells is read in the memory of one row."""
        open_elements: list[Any] = []
        try:
            with self.archive.open(name) as part:
                for event, element in iterparse(part, events=("start", "end")):
                    if event == "start":
                        open_elements.append(element)
                    yield event, element
                    if event == "end":
                        open_elements.pop()
                        if open_elements:
                            open_elements[-1].remove(element)
        except DefusedXmlException:
            raise OfficeRefused(msg("file.xml_entities", name=name)) from None
        except ParseError:
            raise OfficeRefused(msg("file.unreadable", detail=name)) from None

    def _check_formulas(self, name: str) -> None:
        """Formulas and defined names that call another program: `app|topic!item`."""
        with self.archive.open(name) as part:
            if not any(b"|" in chunk for chunk in iter(lambda: part.read(MB), b"")):
                return  # no formula here can call a program: skip parsing the sheet
        for event, element in self._events(name):
            if event == "end" and _local(element.tag) in ("f", "definedName"):
                formula = element.text or ""
                if "|" in QUOTED.sub("", formula):
                    raise OfficeRefused(msg("file.office_dde", what=_shown(formula)))

    def _check_fields(self, name: str) -> None:
        """Field codes, gathered across the runs Word splits them into, as Word reads them."""
        with self.archive.open(name) as part:
            if not any(b"instr" in chunk for chunk in iter(lambda: part.read(MB), b"")):
                return  # no field at all
        fields: list[list[str]] = []  # open fields: [code so far, "nested" when built]
        for event, element in self._events(name):
            tag = _local(element.tag)
            if event == "start" and tag == "fldSimple":
                _check_field(_attribute(element, "instr"), nested=False)
            elif event == "start" and tag == "fldChar":
                state = _attribute(element, "fldCharType")
                if state == "begin":
                    if fields and fields[-1][1] == "" and not fields[-1][0].strip():
                        fields[-1][1] = "nested"
                    fields.append(["", ""])
                elif state == "separate" and fields:
                    _check_field(fields[-1][0], nested=fields[-1][1] == "nested")
                    fields[-1][1] = "done"
                elif state == "end" and fields:
                    code, status = fields.pop()
                    if status != "done":
                        _check_field(code, nested=status == "nested")
            elif event == "end" and tag == "instrText" and fields and fields[-1][1] != "done":
                fields[-1][0] += element.text or ""


def _attribute(element: Any, local: str) -> str:
    for key, value in element.attrib.items():
        if _local(key) == local:
            return str(value)
    return ""


def _check_field(code: str, *, nested: bool) -> None:
    found = FIELD_TYPE.match(code)
    kind = found.group(1).upper() if found else ""
    if kind in ("DDE", "DDEAUTO"):
        raise OfficeRefused(msg("file.office_dde", what=_shown(code.strip())))
    if nested:
        raise OfficeRefused(msg("file.office_dde", what="{ { … } }"))
