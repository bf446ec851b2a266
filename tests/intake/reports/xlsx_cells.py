#!/usr/bin/env python3
"""Prints every cell of an XLSX file as JSON, read with the standard library only
(zipfile + ElementTree), so the tests check what Excel would read, not what our
writer meant: {"sheets": [{"name": ..., "cells": {"A1": {"t": "n"|"s", "v": ...,
"fmt": "0%"|...}}, "print": {"area": "'Sheet'!$A$1:$K$6", "titles": ...,
"fit_width": 1, "fit_height": 0, "fit_to_page": true, "paper": 9, "header": ..., "footer": ...}}]}.
Usage: xlsx_cells.py FILE.xlsx"""
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
BUILTIN = {0: "General", 1: "0", 9: "0%", 10: "0.00%"}

z = zipfile.ZipFile(sys.argv[1])
shared = []
if "xl/sharedStrings.xml" in z.namelist():
    for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
        shared.append("".join(t.text or "" for t in si.iter("{%s}t" % NS["m"])))
styles = ET.fromstring(z.read("xl/styles.xml"))
numfmts = {int(n.get("numFmtId")): n.get("formatCode") for n in styles.iter("{%s}numFmt" % NS["m"])}
xfs = [int(x.get("numFmtId", 0)) for x in styles.find("m:cellXfs", NS).findall("m:xf", NS)]
rels = {r.get("Id"): r.get("Target") for r in ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
workbook = ET.fromstring(z.read("xl/workbook.xml"))
defined = {}
names = workbook.find("m:definedNames", NS)
for d in (names if names is not None else []):
    defined.setdefault(int(d.get("localSheetId", -1)), {})[d.get("name")] = d.text
out = []
for index, sheet in enumerate(workbook.find("m:sheets", NS)):
    target = "xl/" + rels[sheet.get(REL)].lstrip("/").replace("xl/", "")
    cells = {}
    root = ET.fromstring(z.read(target))
    setup = root.find("m:pageSetup", NS)
    fit = root.find("m:sheetPr/m:pageSetUpPr", NS)
    header = root.find("m:headerFooter/m:oddHeader", NS)
    footer = root.find("m:headerFooter/m:oddFooter", NS)
    printing = {
        "area": defined.get(index, {}).get("_xlnm.Print_Area"),
        "titles": defined.get(index, {}).get("_xlnm.Print_Titles"),
        "fit_to_page": fit is not None and fit.get("fitToPage") == "1",
        "fit_width": int(setup.get("fitToWidth", 1)) if setup is not None else None,
        "fit_height": int(setup.get("fitToHeight", 1)) if setup is not None else None,
        "paper": int(setup.get("paperSize", 1)) if setup is not None else None,
        "header": header.text if header is not None else None,
        "footer": footer.text if footer is not None else None,
    }
    for c in root.iter("{%s}c" % NS["m"]):
        v = c.find("m:v", NS)
        fmt_id = xfs[int(c.get("s", 0))]
        fmt = numfmts.get(fmt_id, BUILTIN.get(fmt_id, str(fmt_id)))
        if c.get("t") == "s":
            cells[c.get("r")] = {"t": "s", "v": shared[int(v.text)], "fmt": fmt}
        elif c.get("t") == "inlineStr":
            cells[c.get("r")] = {"t": "s", "v": "".join(t.text or "" for t in c.iter("{%s}t" % NS["m"])), "fmt": fmt}
        elif v is not None:
            cells[c.get("r")] = {"t": "n", "v": float(v.text), "fmt": fmt}
    out.append({"name": sheet.get("name"), "cells": cells, "print": printing})
print(json.dumps({"sheets": out}, ensure_ascii=False))
