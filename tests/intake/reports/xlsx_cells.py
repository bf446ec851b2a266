#!/usr/bin/env python3
"""Prints every cell of an XLSX file as JSON, read with the standard library only
(zipfile + ElementTree), so the tests check what Excel would read, not what our
writer meant: {"sheets": [{"name": ..., "cells": {"A1": {"t": "n"|"s", "v": ...,
"fmt": "0%"|...}}}]}.  Usage: xlsx_cells.py FILE.xlsx"""
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
out = []
for sheet in ET.fromstring(z.read("xl/workbook.xml")).find("m:sheets", NS):
    target = "xl/" + rels[sheet.get(REL)].lstrip("/").replace("xl/", "")
    cells = {}
    for c in ET.fromstring(z.read(target)).iter("{%s}c" % NS["m"]):
        v = c.find("m:v", NS)
        fmt_id = xfs[int(c.get("s", 0))]
        fmt = numfmts.get(fmt_id, BUILTIN.get(fmt_id, str(fmt_id)))
        if c.get("t") == "s":
            cells[c.get("r")] = {"t": "s", "v": shared[int(v.text)], "fmt": fmt}
        elif c.get("t") == "inlineStr":
            cells[c.get("r")] = {"t": "s", "v": "".join(t.text or "" for t in c.iter("{%s}t" % NS["m"])), "fmt": fmt}
        elif v is not None:
            cells[c.get("r")] = {"t": "n", "v": float(v.text), "fmt": fmt}
    out.append({"name": sheet.get("name"), "cells": cells})
print(json.dumps({"sheets": out}, ensure_ascii=False))
