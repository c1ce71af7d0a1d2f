"""Vector pictures in Word files, shared by every DOCX writer (SOP, SAKIP documents).

A picture is added with its PNG (the `a:blip` that LibreOffice and Word before 2016 draw) and the
SVG is attached beside it as `asvg:svgBlip` (the Office 2016 extension), which Word 2016 and later
draw instead: vector where the format allows, a raster fallback everywhere else."""

from __future__ import annotations

import io

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

ASVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
SVG_BLIP_EXT_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"


def attach_svg(document, blip, svg: str) -> None:
    """Attach the SVG to a picture whose `a:blip` holds the PNG: Word 2016+ draws the SVG
    (`asvg:svgBlip`), LibreOffice and older Word the PNG."""
    package = document.part.package
    part = Part(package.next_partname("/word/media/image%d.svg"), "image/svg+xml", svg.encode("utf-8"),
                package)
    r_id = document.part.relate_to(part, RT.IMAGE)
    ext_lst = OxmlElement("a:extLst")
    ext = OxmlElement("a:ext")
    ext.set("uri", SVG_BLIP_EXT_URI)
    svg_blip = etree.SubElement(ext, f"{{{ASVG_NS}}}svgBlip", nsmap={"asvg": ASVG_NS})
    svg_blip.set(qn("r:embed"), r_id)
    ext_lst.append(ext)
    blip.append(ext_lst)


def add_svg_picture(document, run, svg: str, png: bytes, **size):
    """`run.add_picture` of the PNG with the SVG attached; returns the inline shape. `size`: the
    picture's width and/or height (python-docx Length)."""
    shape = run.add_picture(io.BytesIO(png), **size)
    attach_svg(document, shape._inline.graphic.graphicData.pic.blipFill.blip, svg)
    return shape
