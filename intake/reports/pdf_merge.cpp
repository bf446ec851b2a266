#include "intake/reports/pdf_merge.h"

// qpdf 11: this code uses std::shared_ptr only, never the old PointerHolder.
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFNumberTreeObjectHelper.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <memory>
#include <stdexcept>

namespace tilfreds::intake::reports {

namespace {
// Adds `offset` to the integer `key` of `object` (a page's /StructParents, an
// annotation's /StructParent), if it has one.
void shift(QPDFObjectHandle object, const char* key, long long offset) {
  auto value = object.getKey(key);
  if (value.isInteger()) object.replaceKey(key, QPDFObjectHandle::newInteger(value.getIntValue() + offset));
}

// `h` of another document as an object of `out`: indirect objects through qpdf's
// copier (which maps pages already added to their copies), direct containers
// element by element (copyForeignObject refuses direct objects), scalars as they are.
QPDFObjectHandle adopt(QPDF& out, QPDFObjectHandle h) {
  if (h.isIndirect()) return out.copyForeignObject(h);
  if (h.isArray()) {
    auto copy = QPDFObjectHandle::newArray();
    for (auto& item : h.aitems()) copy.appendItem(adopt(out, item));
    return copy;
  }
  if (h.isDictionary()) {
    auto copy = QPDFObjectHandle::newDictionary();
    for (auto& [key, value] : h.ditems()) copy.replaceKey(key, adopt(out, value));
    return copy;
  }
  return h.shallowCopy();
}
}  // namespace

std::string merge_pdfs(const std::vector<std::string>& parts) {
  if (parts.size() == 1) return parts.front();
  try {
    QPDF out;
    out.emptyPDF();
    QPDFPageDocumentHelper out_pages(out);
    auto tree_root = out.makeIndirectObject(QPDFObjectHandle::parse("<< /Type /StructTreeRoot /K [] >>"));
    auto document = out.makeIndirectObject(QPDFObjectHandle::parse("<< /Type /StructElem /S /Document /K [] >>"));
    document.replaceKey("/P", tree_root);
    auto document_kids = document.getKey("/K");
    auto parent_tree = QPDFNumberTreeObjectHelper::newEmpty(out);
    long long offset = 0;
    // Every source stays open until the output is written: qpdf copies lazily.
    std::vector<std::unique_ptr<QPDF>> sources;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      auto& in = *sources.emplace_back(std::make_unique<QPDF>());
      in.setSuppressWarnings(true);  // a part qpdf cannot read is an exception, not a line on stderr
      in.processMemoryFile(("part " + std::to_string(i + 1)).c_str(), parts[i].data(), parts[i].size());
      auto in_root = in.getRoot();
      if (i == 0) {
        for (const char* key : {"/Lang", "/MarkInfo", "/ViewerPreferences"}) {
          if (in_root.hasKey(key)) out.getRoot().replaceKey(key, adopt(out, in_root.getKey(key)));
        }
        auto info = in.getTrailer().getKey("/Info");
        if (info.isDictionary()) out.getTrailer().replaceKey("/Info", adopt(out, info));
      }
      // Pages first, so that the structure elements' /Pg references land on the copies.
      std::vector<QPDFObjectHandle> pages;
      for (auto& page : QPDFPageDocumentHelper(in).getAllPages()) {
        out_pages.addPage(page, false);
        pages.push_back(out_pages.getAllPages().back().getObjectHandle());
      }
      auto in_tree = in_root.getKey("/StructTreeRoot");
      if (!in_tree.isDictionary()) {
        continue;
      }
      if (i == 0) {
        for (const char* key : {"/RoleMap", "/ClassMap"}) {
          if (in_tree.hasKey(key)) tree_root.replaceKey(key, adopt(out, in_tree.getKey(key)));
        }
      }
      auto in_kids = in_tree.getKey("/K");
      std::vector<QPDFObjectHandle> tops;
      if (in_kids.isArray()) {
        for (auto& k : in_kids.aitems()) tops.push_back(k);
      } else if (in_kids.isDictionary()) {
        tops.push_back(in_kids);
      }
      // One /Document for the whole file (PDF/UA wants a single root element): the
      // children of each part's /Document move under it.
      for (auto& top : tops) {
        auto copy = adopt(out, top);
        std::vector<QPDFObjectHandle> children;
        if (copy.getKey("/S").isNameAndEquals("/Document")) {
          auto k = copy.getKey("/K");
          if (k.isArray()) {
            for (auto& c : k.aitems()) children.push_back(c);
          } else if (!k.isNull()) {
            children.push_back(k);
          }
        } else {
          children.push_back(copy);
        }
        for (auto& child : children) {
          if (child.isDictionary()) child.replaceKey("/P", document);
          document_kids.appendItem(child);
        }
      }
      long long largest = -1;
      if (in_tree.hasKey("/ParentTree")) {
        for (const auto& [key, value] : QPDFNumberTreeObjectHelper(in_tree.getKey("/ParentTree"), in).getAsMap()) {
          parent_tree.insert(key + offset, adopt(out, value));
          largest = std::max(largest, key);
        }
      }
      for (auto& page : pages) {
        shift(page, "/StructParents", offset);
        auto annots = page.getKey("/Annots");
        if (annots.isArray()) {
          for (auto annot : annots.aitems()) shift(annot, "/StructParent", offset);
        }
      }
      offset += largest + 1;
    }
    if (document_kids.getArrayNItems() > 0) {
      tree_root.replaceKey("/K", document);
      tree_root.replaceKey("/ParentTree", parent_tree.getObjectHandle());
      tree_root.replaceKey("/ParentTreeNextKey", QPDFObjectHandle::newInteger(offset));
      out.getRoot().replaceKey("/StructTreeRoot", tree_root);
    }
    QPDFWriter writer(out);
    writer.setOutputMemory();
    writer.setObjectStreamMode(qpdf_o_generate);
    writer.write();
    auto buffer = writer.getBufferSharedPointer();
    return {reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize()};
  } catch (const QPDFExc& e) {
    throw std::runtime_error(std::string("pdf: cannot merge the parts: ") + e.what());
  }
}

}  // namespace tilfreds::intake::reports
